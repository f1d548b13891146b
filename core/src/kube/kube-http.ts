// Raw JSON access to a Kubernetes API for the hot paths of the controller:
// paged lists and watch streams of any resource, parsed once into plain
// objects. The generated clients of @kubernetes/client-node convert every item
// through their model classes, which costs more than the request itself when a
// cluster holds hundreds of thousands of objects. Authentication and TLS come
// from the KubeConfig exactly as the generated clients use them.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { type HttpMethod, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import { fetch } from 'undici';

/** A failed request, with the API server's Status reason when it sent one. */
export class KubeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'KubeHttpError';
  }
}

export interface KubeList<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

type Query = Record<string, string | number | boolean | undefined>;

export class KubeHttp {
  private readonly server: string;
  /**
   * One connection pool for every request of this client: client-node builds a
   * new undici Agent (a new TLS handshake, CA parsed again) for each request it
   * authenticates, which cost a quarter of the controller's CPU in the sync
   * benchmark and kept an idle socket per request until the server closed it.
   */
  private dispatcher: ReturnType<RequestContext['getDispatcher']>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly requestTimeoutMs = 60_000,
  ) {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error(`kubeconfig context "${kubeConfig.getCurrentContext()}" names no cluster server`);
    this.server = server.replace(/\/+$/, '');
  }

  /**
   * A GET, tried up to three times when the server is busy or failing (429,
   * 5xx, no answer): reads are idempotent, and one hiccup should not fail a
   * whole cache fill. Retry-After is honoured up to 2 s.
   */
  async getJson<T>(path: string, query: Query = {}): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await this.send('GET', path, query, undefined, AbortSignal.timeout(this.requestTimeoutMs));
        return (await response.json()) as T;
      } catch (error) {
        const transient =
          error instanceof KubeHttpError && (error.status === 0 || error.status === 429 || error.status >= 500);
        if (!transient || attempt >= 3) throw error;
        const waitMs = Math.min(
          2_000,
          error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 200 * attempt,
        );
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /**
   * A write. Answered 429 (the server did not take it: throttled), it is sent
   * again after Retry-After (at most 2 s), up to three times — as client-go
   * does; other failures are the caller's to judge (a write may have happened).
   */
  async sendJson<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    contentType = 'application/json',
    query: Query = {},
  ): Promise<T> {
    const text = JSON.stringify(body);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await this.send(
          method,
          path,
          query,
          { body: text, contentType },
          AbortSignal.timeout(this.requestTimeoutMs),
        );
        return (await response.json()) as T;
      } catch (error) {
        if (!(error instanceof KubeHttpError) || error.status !== 429 || attempt >= 3) throw error;
        const waitMs = Math.min(2_000, (error.retryAfterSeconds ?? 0.2 * attempt) * 1000);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** Every page of a list; returns the list's resourceVersion (where a watch resumes). */
  async listAll<T>(path: string, onPage: (items: T[]) => void, query: Query = {}, pageSize = 500): Promise<string> {
    let token: string | undefined;
    for (;;) {
      const page = await this.getJson<KubeList<T>>(path, { ...query, limit: pageSize, continue: token });
      onPage(page.items ?? []);
      token = page.metadata?.continue || undefined;
      if (!token) return page.metadata?.resourceVersion ?? '';
    }
  }

  /**
   * Streams watch events until the server ends the watch, the signal aborts or
   * the connection fails; resolves when the stream ends, rejects on a failed
   * start. An `ERROR` event (e.g. 410 Expired) is passed on like any other.
   */
  async watch<T>(
    path: string,
    query: Query,
    onEvent: (event: WatchEvent<T>) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const response = await this.send('GET', path, { ...query, watch: true }, undefined, signal);
    if (!response.body) return;
    const lines = createInterface({ input: Readable.fromWeb(response.body as never), crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (line.length === 0) continue;
        onEvent(JSON.parse(line) as WatchEvent<T>);
      }
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
  }

  private async send(
    method: string,
    path: string,
    query: Query,
    body: { body: string; contentType: string } | undefined,
    signal: AbortSignal,
  ) {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    const context = new RequestContext(url.toString(), method as HttpMethod);
    await this.kubeConfig.applySecurityAuthentication(context);
    this.dispatcher ??= context.getDispatcher();
    const headers: Record<string, string> = { ...context.getHeaders(), accept: 'application/json' };
    if (body) headers['content-type'] = body.contentType;
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(url, {
        method,
        headers,
        dispatcher: this.dispatcher as never,
        signal,
        ...(body ? { body: body.body } : {}),
      });
    } catch (error) {
      // Stopped on purpose (a watch closing): not a network problem to explain.
      if (signal.aborted && (signal.reason as { name?: string } | undefined)?.name !== 'TimeoutError') throw error;
      throw new KubeHttpError(0, `${method} ${this.server}${path}: ${networkCause(error)}`);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let status: { message?: string; reason?: string } = {};
    try {
      status = JSON.parse(text) as typeof status;
    } catch {
      // not a Status object: fall back to the HTTP status line
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new KubeHttpError(
      response.status,
      `${method} ${this.server}${path}: ${response.status} ${status.message ?? response.statusText}`,
      status.reason,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, a certificate problem, a timeout) is in its cause. */
function networkCause(error: unknown): string {
  // Duck-typed: errors may come from another realm (undici's own, a test VM), where instanceof fails.
  type ErrorLike = { message?: string; code?: string; name?: string; cause?: unknown; errors?: unknown[] };
  let current = error as ErrorLike | undefined;
  let message = current?.message ?? String(error);
  while (current && typeof current === 'object' && current.cause !== undefined) {
    current = current.cause as ErrorLike;
    const inner = current?.errors?.[0] as ErrorLike | undefined; // AggregateError: one per address tried
    const text = current?.message || inner?.message || current?.code;
    if (text) message = text;
  }
  if (current?.name === 'TimeoutError') return 'timed out';
  return message;
}
