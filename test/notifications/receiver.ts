// A loopback HTTP server standing in for Slack and webhook receivers: records every request and
// answers per path — Slack's Web API shape on /api/*, fixed statuses on /status/<code>, and no
// answer at all on /hang (a receiver that times out).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Receiver {
  url: string;
  host: string;
  requests: ReceivedRequest[];
  on(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  let ts = 1000;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({
        method: request.method ?? '',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (path === '/hang') {
        hanging.push(response);
        return;
      }
      const status = /^\/status\/(\d{3})/.exec(path);
      if (status) {
        response.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end('status as asked');
        return;
      }
      if (path.startsWith('/api/')) {
        const authorized = request.headers.authorization === 'Bearer xoxb-test-token';
        ts += 1;
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(authorized ? { ok: true, ts: `${ts}.0001` } : { ok: false, error: 'invalid_auth' }));
        return;
      }
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    on: (path) => requests.filter((request) => request.path === path),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
