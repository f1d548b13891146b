// The raw bytes of a webhook request, read before anything parses them:
// signatures are computed over the exact body, and the body is capped by
// argocd-cm `webhook.maxPayloadSizeMB`. Nest's global JSON parser (100 KiB,
// registered when the application initialises) would consume a JSON body
// first, so this middleware is mounted on the Express app while the module's
// providers are created — before that parser — and only for the webhook path.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { BodyBudgetExhaustedError, BodyTooLargeError, type ByteBudget, readBoundedBody } from './bounded-body';

export const WEBHOOK_PATH = '/api/webhook';

/** Argo CD's default for webhook.maxPayloadSizeMB. */
export const DEFAULT_MAX_PAYLOAD_MB = 50;

/** Headers that carry a credential itself (not a signature): request logs must never show them. */
const CREDENTIAL_HEADERS = ['x-gitlab-token', 'x-hook-uuid'];

export interface WebhookBody {
  /** The request's headers as received, credentials included. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

const received = new WeakMap<IncomingMessage, WebhookBody>();

/** What the middleware read for this request. */
export function webhookBodyOf(request: IncomingMessage): WebhookBody | undefined {
  return received.get(request);
}

/** argocd-cm `webhook.maxPayloadSizeMB` in bytes (MiB, as Argo CD counts); the default when unset or invalid. */
export function maxPayloadBytes(argocdCm: Record<string, string>): number {
  const configured = Number(argocdCm['webhook.maxPayloadSizeMB']);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_PAYLOAD_MB;
  return Math.floor(megabytes * 1024 * 1024);
}

export interface WebhookBodyOptions {
  limitBytes: () => Promise<number>;
  budget: ByteBudget;
  /** Called when a body is refused before it reaches the handler (metrics). */
  onRefused?: (status: number) => void;
}

export function webhookBodyMiddleware(options: WebhookBodyOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    if (request.method !== 'POST') return next();
    const headers = { ...request.headers };
    for (const name of CREDENTIAL_HEADERS) delete request.headers[name];
    void (async () => {
      const limit = await options.limitBytes();
      const declared = Number(request.headers['content-length'] ?? Number.NaN);
      const refuse = (status: number, message: string) => {
        options.onRefused?.(status);
        answerAndClose(request, response, status, message);
      };
      if (Number.isFinite(declared) && declared > limit) return refuse(413, tooLarge(limit));
      try {
        received.set(request, { headers, body: await readBoundedBody(request, limit, options.budget) });
        next();
      } catch (error) {
        if (error instanceof BodyTooLargeError) refuse(413, tooLarge(limit));
        else if (error instanceof BodyBudgetExhaustedError) refuse(503, error.message);
        else request.destroy();
      }
    })().catch(next);
  };
}

function tooLarge(limit: number): string {
  return `Webhook processing failed: the payload is larger than ${limit / 1024 / 1024} MB (argocd-cm webhook.maxPayloadSizeMB)`;
}

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 1_000;

/**
 * Answers at once and closes the connection, so an endless body is not kept. Like a web
 * server's lingering close, what the client still sends is read and dropped for a moment
 * first: closing a socket with unread data resets it, and the client could lose the answer.
 */
function answerAndClose(request: IncomingMessage, response: ServerResponse, status: number, message: string): void {
  response.once('finish', () => {
    const cut = setTimeout(() => request.destroy(), LINGER_MS);
    cut.unref();
    request.once('end', () => {
      clearTimeout(cut);
      request.destroy();
    });
    request.resume();
  });
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    connection: 'close',
    ...(status === 503 ? { 'retry-after': '5' } : {}),
  });
  response.end(message);
}
