// An HTTP or HTTPS test server on 127.0.0.1, on a port the OS picks.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface LocalServerTls {
  cert: string;
  key: string;
  /** When set, the server demands a client certificate signed by this CA. */
  clientCa?: string;
}

export interface LocalServer {
  /** e.g. http://127.0.0.1:PORT, or https:// with `tls`. */
  url: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

export async function startLocalServer(handler: RequestListener, tls?: LocalServerTls): Promise<LocalServer> {
  const server: Server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
        },
        handler,
      )
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
