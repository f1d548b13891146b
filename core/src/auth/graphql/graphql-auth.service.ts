import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { type Context as WsContext } from 'graphql-ws';
import { type WebSocket } from 'ws';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type AuthContext, type Principal } from '../principal';
import { SessionService } from '../session/session.service';
import { tokenFromConnectionParams, tokenFromHeaders } from './request-token';
import { websocketOriginAllowed } from './websocket-origin';
import { operationDeadline } from '../../api/hardening/execution-deadline';

/** graphql-ws's `extra` for the `ws` server, plus what onConnect learned. */
interface WsExtra {
  socket: WebSocket;
  request: IncomingMessage;
  principal?: Principal;
  token?: string;
}

/** Close code graphql-ws uses for a refused connection_init; the same closes a session that ends. */
export const FORBIDDEN_CLOSE_CODE = 4403;

/** How often an open subscription connection re-verifies its token (revocation, password change, disable). */
export const WEBSOCKET_RECHECK_MS = 30_000;

/** Builds the GraphQL context from a request's token, for HTTP and for graphql-ws connections. */
@Injectable()
export class GraphqlAuthService {
  /** Overridable in tests. */
  recheckIntervalMs = WEBSOCKET_RECHECK_MS;

  constructor(
    private readonly sessions: SessionService,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  /** The Apollo `context` function: HTTP requests come as `{ req, res }`, graphql-ws as its Context. */
  async context(argument: { req?: IncomingMessage; res?: ServerResponse } | WsContext): Promise<AuthContext> {
    if ('extra' in argument) {
      const extra = argument.extra as WsExtra;
      return {
        principal: extra.principal,
        token: extra.token,
        setCookie: undefined,
        secure: false,
        clientAddress: extra.request.socket.remoteAddress,
      };
    }
    const { req, res } = argument;
    const token = req === undefined ? undefined : tokenFromHeaders(req.headers);
    const principal = token === undefined ? undefined : await this.sessions.verify(token);
    return {
      principal,
      token: principal === undefined ? undefined : token,
      setCookie: res === undefined ? undefined : (value) => res.appendHeader('set-cookie', value),
      secure: isTls(req),
      clientAddress: req?.socket.remoteAddress,
      deadline: operationDeadline(this.config.api.executionTimeoutMs),
    };
  }

  /** graphql-ws onConnect: refuse (4403) without a valid token or from a foreign origin; end with the session. */
  async onConnect(context: WsContext): Promise<boolean> {
    const extra = context.extra as WsExtra;
    const { headers } = extra.request;
    if (!websocketOriginAllowed(headers.origin, headers.host, this.config.auth.allowedOrigins)) return false;
    const token = tokenFromConnectionParams(context.connectionParams) ?? tokenFromHeaders(headers);
    const principal = token === undefined ? undefined : await this.sessions.verify(token);
    if (principal === undefined || token === undefined) return false;
    extra.principal = principal;
    extra.token = token;
    this.closeWhenSessionEnds(extra.socket, token, principal);
    return true;
  }

  private closeWhenSessionEnds(socket: WebSocket, token: string, principal: Principal): void {
    const close = (): void => {
      if (socket.readyState === socket.OPEN) socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden');
    };
    const timers: NodeJS.Timeout[] = [];
    if (principal.expiresAt !== undefined)
      timers.push(setTimeout(close, Math.max(0, principal.expiresAt * 1000 - Date.now())));
    timers.push(
      setInterval(() => {
        void this.sessions.verify(token).then((still) => {
          if (still === undefined) close();
        });
      }, this.recheckIntervalMs),
    );
    for (const timer of timers) timer.unref();
    socket.once('close', () => timers.forEach((timer) => clearTimeout(timer)));
  }
}

function isTls(req: IncomingMessage | undefined): boolean {
  return req !== undefined && 'encrypted' in req.socket && req.socket.encrypted === true;
}
