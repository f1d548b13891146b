// Servers that misbehave on purpose: one that answers an HTTP request and then
// trickles a byte a second forever (BI-DOS-3), one that never answers, and one
// that greets every connection with a banner, as Redis or SMTP would (BI-SSRF-1).
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpServer {
  port: number;
  close(): Promise<void>;
}

async function listen(onConnection: (socket: Socket) => void): Promise<TcpServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startTricklingServer(): Promise<TcpServer> {
  return listen((socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\n\r\n');
      const timer = setInterval(() => socket.write('0'), 1_000);
      socket.on('close', () => clearInterval(timer));
    });
  });
}

export function startSilentServer(): Promise<TcpServer> {
  return listen((socket) => socket.resume());
}

export function startBannerServer(banner: string): Promise<TcpServer> {
  return listen((socket) => {
    socket.write(banner);
    socket.on('data', () => socket.write(banner));
  });
}
