// A git smart-HTTP server for tests: Node's http(s) server in front of
// `git http-backend` (CGI), with optional Basic or Bearer authentication and
// optional TLS with a required client certificate.
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer, type LocalServerTls } from '../local-server';

export interface GitHttpServerOptions {
  reposRoot: string;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  /** Serve HTTPS; with `clientCa`, a client certificate signed by it is required. */
  tls?: LocalServerTls;
}

export interface GitHttpServer {
  /** e.g. http://127.0.0.1:PORT — repositories are `${url}/name.git`. */
  url: string;
  /** Authorization headers received, in order (for assertions). */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

function authorized(request: IncomingMessage, options: GitHttpServerOptions): boolean {
  if (!options.basicAuth && !options.bearerToken) return true;
  const header = request.headers.authorization ?? '';
  if (options.bearerToken && header === `Bearer ${options.bearerToken}`) return true;
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    if (header === `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`) return true;
  }
  return false;
}

function runBackend(request: IncomingMessage, response: ServerResponse, options: GitHttpServerOptions): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: options.reposRoot,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_PROJECT_ROOT: options.reposRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: request.method ?? 'GET',
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_ADDR: request.socket.remoteAddress ?? '',
    REMOTE_USER: 'git',
  };
  if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
  const protocol = request.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;
  const encoding = request.headers['content-encoding'];
  if (typeof encoding === 'string') env.HTTP_CONTENT_ENCODING = encoding;

  const backend = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  request.pipe(backend.stdin);
  backend.stdin.on('error', () => undefined);
  let head = Buffer.alloc(0);
  let headersSent = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    headersSent = true;
    response.write(head.subarray(end + 4));
  });
  backend.on('close', () => {
    if (!headersSent) response.writeHead(500);
    response.end();
  });
}

export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const authorizations: (string | undefined)[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    authorizations.push(request.headers.authorization);
    if (!authorized(request, options)) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end('unauthorized');
      request.resume();
      return;
    }
    runBackend(request, response, options);
  };
  const server = await startLocalServer(handler, options.tls);
  return { url: server.url, authorizations, close: server.close };
}
