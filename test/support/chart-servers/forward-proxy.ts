// An HTTP forward proxy on 127.0.0.1: absolute-form requests for http targets
// and CONNECT tunnels for https, recording what passed through it.
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** `GET http://host/path` or `CONNECT host:port`, in order. */
  seen: string[];
  /** The Proxy-Authorization header of each request. */
  proxyAuthorizations: (string | undefined)[];
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  const proxyAuthorizations: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, response) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    proxyAuthorizations.push(incoming.headers['proxy-authorization']);
    const headers = { ...incoming.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(incoming.url ?? '', { method: incoming.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, client: Socket) => {
    seen.push(`CONNECT ${incoming.url}`);
    proxyAuthorizations.push(incoming.headers['proxy-authorization']);
    sockets.add(client);
    const [host = '', port = '443'] = (incoming.url ?? '').split(':');
    const target = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.pipe(client);
      client.pipe(target);
    });
    sockets.add(target);
    target.on('error', () => client.destroy());
    client.on('error', () => target.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    proxyAuthorizations,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
