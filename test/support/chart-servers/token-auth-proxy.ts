// A token-authenticating front for a registry, as Docker Hub, GHCR or Harbor
// work: /v2 answers 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`
// until a token from /token (Basic credentials) is presented, then proxies to
// the real registry. Records which Authorization headers each side saw.
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface TokenAuthProxy {
  host: string;
  /** Authorization headers that reached /v2 paths. */
  registryAuthorizations: (string | undefined)[];
  /** Authorization headers and scopes of token requests. */
  tokenRequests: { authorization: string | undefined; scope: string | null; service: string | null }[];
  close(): Promise<void>;
}

export async function startTokenAuthProxy(options: {
  backend: string;
  username: string;
  password: string;
}): Promise<TokenAuthProxy> {
  const tokens = new Set<string>();
  const registryAuthorizations: (string | undefined)[] = [];
  const tokenRequests: TokenAuthProxy['tokenRequests'] = [];
  const expectedBasic = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  let host = '';
  const handler = (incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') {
      tokenRequests.push({
        authorization: incoming.headers.authorization,
        scope: url.searchParams.get('scope'),
        service: url.searchParams.get('service'),
      });
      if (incoming.headers.authorization !== expectedBasic) {
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"details":"incorrect username or password"}');
        return;
      }
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
      return;
    }
    registryAuthorizations.push(incoming.headers.authorization);
    const presented = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
    if (!presented || !tokens.has(presented)) {
      const name = /^\/v2\/(.+?)\/(?:tags|manifests|blobs)\//.exec(url.pathname)?.[1] ?? '';
      response
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${host}/token",service="driftless-test",scope="repository:${name}:pull"`,
          'content-type': 'application/json',
        })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const upstream = httpRequest(
      `http://${options.backend}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: { ...incoming.headers, host: options.backend, authorization: '' } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    incoming.pipe(upstream);
  };
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    registryAuthorizations,
    tokenRequests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
