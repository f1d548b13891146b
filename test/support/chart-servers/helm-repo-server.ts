// A Helm repository on 127.0.0.1: index.yaml and .tgz files from a folder,
// optionally behind basic auth and TLS, and misbehaving on demand (an endless
// index.yaml, one that trickles a byte at a time) for the DoS cases.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { startLocalServer, type LocalServerTls } from '../local-server';

export interface HelmRepoServerOptions {
  dir: string;
  basicAuth?: { username: string; password: string };
  /** With `clientCa`, the server demands a client certificate signed by it. */
  tls?: LocalServerTls;
  /** 'endless': index.yaml never ends; 'trickle': one byte every 200 ms. */
  misbehave?: 'endless' | 'trickle';
}

export interface HelmRepoServer {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** The Authorization header of each request, in the same order. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export async function startHelmRepoServer(options: HelmRepoServerOptions): Promise<HelmRepoServer> {
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    requests.push(path);
    authorizations.push(request.headers.authorization);
    if (options.basicAuth) {
      const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
        return;
      }
    }
    if (path === '/index.yaml' && options.misbehave === 'endless') {
      response.writeHead(200, { 'content-type': 'text/yaml' });
      response.write('apiVersion: v1\nentries:\n');
      const line = Buffer.from(
        '  # padding padding padding padding padding padding padding padding padding\n'.repeat(1000),
      );
      const pump = () => {
        while (response.write(line)) {
          /* fill the socket */
        }
      };
      response.on('drain', pump);
      pump();
      return;
    }
    if (path === '/index.yaml' && options.misbehave === 'trickle') {
      response.writeHead(200, { 'content-type': 'text/yaml' });
      const timer = setInterval(() => response.write('#'), 200);
      timers.add(timer);
      response.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
    const file = normalize(join(options.dir, path));
    if (!file.startsWith(normalize(options.dir))) {
      response.writeHead(400).end();
      return;
    }
    readFile(file).then(
      (data) => response.writeHead(200, { 'content-length': data.length }).end(data),
      () => response.writeHead(404).end('not found'),
    );
  };
  const server = await startLocalServer(handler, options.tls);
  return {
    url: server.url,
    requests,
    authorizations,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await server.close();
    },
  };
}
