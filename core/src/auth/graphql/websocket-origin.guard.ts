import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { websocketOriginAllowed } from './websocket-origin';

/**
 * Refuses WebSocket upgrades from foreign browser origins with 403 before the
 * GraphQL WebSocket server sees them (security.md BI-CSRF-2). Registered first
 * among the server's `upgrade` listeners; a refused request's URL is cleared
 * so the GraphQL listener, which matches on the path, leaves it alone.
 */
const REFUSED_URL = '/refused-websocket-origin';

@Injectable()
export class WebsocketOriginGuard implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as import('node:http').Server | undefined;
    server?.prependListener('upgrade', (request: IncomingMessage, socket: Duplex) => {
      const { origin, host } = request.headers;
      if (websocketOriginAllowed(origin, host, this.config.auth.allowedOrigins)) return;
      request.url = REFUSED_URL;
      if (!socket.writable) return;
      this.logger.warn('refused a WebSocket upgrade from a foreign origin');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  }
}
