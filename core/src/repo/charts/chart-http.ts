// HTTP for chart sources: one undici Agent per TLS setting (custom CA from
// argocd-tls-certs-cm, client certificate, insecure), a size cap and a
// deadline on every body, redirects followed by hand so credentials reach only
// the origin they belong to, and errors that name the status or a socket
// error code but never echo what an unexpected server sent.
import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, fetch as undiciFetch, ProxyAgent } from 'undici';
import { checkedLookup, type Egress, egressRefusal, literalRefusal } from '../egress';
import { ChartError, chartError, type ChartLocation } from './chart-error';

/** How to reach one host: TLS settings and, unless NO_PROXY exempts the host, the repository's proxy. */
export interface TlsSettings {
  ca?: string;
  cert?: string;
  key?: string;
  insecure: boolean;
  /** http(s)://[user:password@]proxy:port */
  proxy?: string;
}

export interface GetOptions {
  location: ChartLocation;
  /** What is being fetched, for messages: "index.yaml", "the chart archive", … */
  what: string;
  headers?: Record<string, string>;
  /** Sent only to `credentialOrigin`, or everywhere with `passCredentials`. */
  authorization?: string | undefined;
  credentialOrigin?: string;
  passCredentials?: boolean;
  maxBytes: number;
  signal: AbortSignal;
  timeoutMs: number;
  tls: TlsSettings;
  /** Statuses handed back to the caller (with an empty body) instead of becoming errors. */
  passStatuses?: readonly number[];
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
  url: string;
}

const maxRedirects = 5;
const tlsErrorCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS|ERR_SSL|EPROTO/;

/** A socket error code (ECONNREFUSED, CERT_HAS_EXPIRED, …) from the error, its causes or an AggregateError's members. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && /^[A-Z0-9_]{2,64}$/.test(code)) return code;
  const nested = networkCode(cause, depth + 1);
  if (nested) return nested;
  return Array.isArray(errors) ? networkCode(errors[0], depth + 1) : undefined;
}

export class ChartHttp {
  private readonly agents = new Map<string, Dispatcher>();

  constructor(
    private readonly fetchImpl: typeof fetch = undiciFetch as unknown as typeof fetch,
    /** Where chart requests may connect (BI-SSRF-1); without it, anywhere. */
    private readonly egress?: Egress,
  ) {}

  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  private dispatcher(tls: TlsSettings): Dispatcher {
    // The key is a hash: client keys and proxy passwords never become map keys in clear.
    const key = createHash('sha256')
      .update(JSON.stringify([tls.ca, tls.cert, tls.key, tls.insecure, tls.proxy]))
      .digest('hex');
    let agent = this.agents.get(key);
    if (!agent) {
      const connect = {
        rejectUnauthorized: !tls.insecure,
        ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
        ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
        // Through a proxy, the proxy resolves the target; the policy then applies to literal addresses only.
        ...(this.egress && !tls.proxy ? { lookup: checkedLookup(this.egress) } : {}),
      };
      agent = tls.proxy ? new ProxyAgent({ uri: tls.proxy, requestTls: connect }) : new Agent({ connect });
      this.agents.set(key, agent);
    }
    return agent;
  }

  async get(startUrl: string, options: GetOptions): Promise<HttpAnswer> {
    const { location, what } = options;
    let url = startUrl;
    for (let redirects = 0; ; redirects += 1) {
      const target = new URL(url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        throw chartError('FAILED', location, `${what} is at a ${target.protocol} URL; only http and https are fetched`);
      }
      this.checkLiteralAddress(target, options);
      const headers: Record<string, string> = { 'user-agent': 'driftless', ...options.headers };
      if (options.authorization && (options.passCredentials || target.origin === options.credentialOrigin)) {
        headers.authorization = options.authorization;
      }
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          headers,
          redirect: 'manual',
          signal: options.signal,
          dispatcher: this.dispatcher(options.tls),
        } as unknown as RequestInit);
      } catch (error) {
        throw this.transportError(error, options);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => undefined);
        if (redirects >= maxRedirects) throw chartError('FAILED', location, `${what}: too many redirects`);
        url = new URL(response.headers.get('location') ?? '', url).toString();
        continue;
      }
      if (options.passStatuses?.includes(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status, headers: response.headers, body: Buffer.alloc(0), url };
      }
      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => undefined);
        throw this.statusError(response.status, options);
      }
      const body = await this.readCapped(response, options);
      return { status: response.status, headers: response.headers, body, url };
    }
  }

  /** Sockets skip the lookup for IP literals, so those are checked here (on every redirect hop). */
  private checkLiteralAddress(target: URL, options: GetOptions): void {
    const refusal = this.egress && literalRefusal(this.egress, target.hostname);
    if (refusal) throw chartError('FAILED', options.location, `${options.what}: ${refusal.message}`);
  }

  private async readCapped(response: Response, options: GetOptions): Promise<Buffer> {
    const { location, what, maxBytes } = options;
    const tooLarge = () =>
      chartError(
        'TOO_LARGE',
        location,
        `${what} is larger than ${maxBytes} bytes`,
        'raise the size limit if this is expected, or check the repository',
      );
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body) return Buffer.alloc(0);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      if (error instanceof ChartError) throw error;
      throw this.transportError(error, options);
    }
    return Buffer.concat(chunks, total);
  }

  private transportError(error: unknown, options: GetOptions): Error {
    const { location, what, signal, timeoutMs } = options;
    if (signal.aborted) {
      return chartError(
        'TIMEOUT',
        location,
        `${what}: no complete answer within ${Math.round(timeoutMs / 1000)} s`,
        'check that the repository is reachable and responsive',
      );
    }
    const refusal = egressRefusal(error);
    if (refusal) return chartError('FAILED', location, `${what}: ${refusal.message}`);
    const code = networkCode(error);
    if (code && tlsErrorCodes.test(code)) {
      return chartError(
        'FAILED',
        location,
        `${what}: TLS handshake failed (${code})`,
        "add the server's CA to argocd-tls-certs-cm, or mark the repository insecure",
      );
    }
    return chartError(
      'FAILED',
      location,
      `${what}: the connection failed${code ? ` (${code})` : ''}`,
      'check the repository URL and that the server speaks HTTP(S)',
    );
  }

  private statusError(status: number, options: GetOptions): Error {
    const { location, what } = options;
    if (status === 401 || status === 403) {
      return chartError(
        'AUTH_FAILED',
        location,
        `${what}: the server refused the credentials (HTTP ${status})`,
        'check the username, password or token of the repository Secret',
      );
    }
    if (status === 404) {
      return chartError(
        'NOT_FOUND',
        location,
        `${what}: not found (HTTP 404)`,
        'check the repository URL and chart name',
      );
    }
    return chartError('FAILED', location, `${what}: the server answered HTTP ${status}`);
  }
}
