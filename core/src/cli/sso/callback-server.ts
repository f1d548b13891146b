// The loopback HTTP server that catches the identity provider's redirect
// (`http://localhost:<--sso-port>/auth/callback`, as Argo CD's CLI). It
// listens on 127.0.0.1 and, where there is one, ::1 (browsers may resolve
// localhost to either), answers only GET /auth/callback, and hands the first
// such request to `handle`, whose answer it shows in the browser.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { CliError, ExitCode } from '../exit-codes';

export const CALLBACK_PATH = '/auth/callback';

export interface CallbackOutcome {
  ok: boolean;
  /** One line for the browser page. */
  message: string;
}

export interface CallbackServer {
  redirectUri: string;
  /** Resolves when a callback was handled (with what `handle` returned or threw), or rejects on timeout. */
  done: Promise<void>;
  close(): Promise<void>;
}

export async function startCallbackServer(
  port: number,
  handle: (callbackUrl: URL) => Promise<CallbackOutcome>,
  timeoutMs: number,
): Promise<CallbackServer> {
  const redirectUri = `http://localhost:${port}${CALLBACK_PATH}`;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let handled = false;

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', redirectUri);
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (handled) {
      response.writeHead(409, { 'content-type': 'text/plain; charset=utf-8' }).end('this login is already handled\n');
      return;
    }
    handled = true;
    void handle(url).then(
      (outcome) => {
        respond(response, outcome);
        if (outcome.ok) settle?.resolve();
        else settle?.reject(new CliError(`SSO login failed: ${outcome.message}`, ExitCode.failed));
      },
      (error: unknown) => {
        respond(response, { ok: false, message: (error as Error).message });
        settle?.reject(error);
      },
    );
  };

  const servers: Server[] = [];
  const listen = (host: string): Promise<Server> =>
    new Promise((resolve, reject) => {
      const server = createServer(onRequest);
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  try {
    servers.push(await listen('127.0.0.1'));
  } catch (error) {
    throw new CliError(
      `cannot listen on localhost:${port} for the SSO callback (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): free the port or pass --sso-port`,
      ExitCode.usage,
    );
  }
  await listen('::1').then(
    (server) => servers.push(server),
    () => undefined, // no IPv6 loopback here: 127.0.0.1 serves localhost
  );

  const timer = setTimeout(
    () => settle?.reject(new CliError(`no SSO callback within ${Math.round(timeoutMs / 1000)} s`, ExitCode.timedOut)),
    timeoutMs,
  );
  void done.catch(() => undefined).finally(() => clearTimeout(timer));
  return {
    redirectUri,
    done,
    close: async () => {
      clearTimeout(timer);
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function respond(response: ServerResponse, outcome: CallbackOutcome): void {
  const text = outcome.ok
    ? 'Authentication successful. You can close this window and return to the terminal.'
    : `Authentication failed: ${outcome.message}`;
  const escaped = text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  response
    .writeHead(outcome.ok ? 200 : 400, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
      'referrer-policy': 'no-referrer',
    })
    .end(
      `<!doctype html><html><head><meta charset="utf-8"><title>driftless login</title></head><body><p>${escaped}</p></body></html>\n`,
    );
}
