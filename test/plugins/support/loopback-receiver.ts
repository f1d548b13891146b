// A loopback HTTP server for http capability tests: records what it receives,
// redirects on /redirect?to=…, answers /huge with more than the response cap
// and /slow?ms=N after N milliseconds.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackReceiver {
  /** `127.0.0.1:<port>` */
  host: string;
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startLoopbackReceiver(): Promise<LoopbackReceiver> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      received.push({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (url.pathname === '/redirect') {
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      } else if (url.pathname === '/slow') {
        const timer = setTimeout(
          () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
          Number(url.searchParams.get('ms') ?? 1_000),
        );
        response.on('close', () => clearTimeout(timer));
      } else if (url.pathname === '/huge') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(9 * 1024 * 1024, 'x'));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
