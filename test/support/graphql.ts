// Small GraphQL helpers for tests: a query over HTTP and a graphql-ws subscription.
// Both authenticate as the server's admin session (startTestKernel logs in and
// registers it) unless a test passes its own `token`, or `null` for none.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const sessionTokens = new Map<string, string>();

/** The token postGraphql and subscribe send to a server by default (test-kernel.ts registers the admin's). */
export function setDefaultToken(baseUrl: string, token: string | undefined): void {
  if (token === undefined) sessionTokens.delete(baseUrl);
  else sessionTokens.set(baseUrl, token);
}

export function defaultToken(baseUrl: string): string | undefined {
  return sessionTokens.get(baseUrl);
}

export interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

export interface RequestOptions {
  /** Bearer token; default the server's registered session, `null` for an anonymous request. */
  token?: string | null;
  headers?: Record<string, string>;
}

export async function postGraphql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<{ status: number; body: { data?: T; errors?: GraphqlError[] }; headers: Headers }> {
  const token = options.token === undefined ? defaultToken(baseUrl) : (options.token ?? undefined);
  const response = await fetch(`${baseUrl}/api/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: T; errors?: GraphqlError[] },
    headers: response.headers,
  };
}

export interface Subscription<T> {
  /** Resolves with the next event that matches (or one that arrived earlier and was not taken yet). */
  next(match?: (event: T) => boolean): Promise<T>;
  /** Takes an already received matching event, if any; throws if the server sent errors. */
  take(match: (event: T) => boolean): T | undefined;
  close(): Promise<void>;
}

/** Subscribes over graphql-ws and resolves once the server has acknowledged the subscription's connection. */
export async function subscribe<T>(
  baseUrl: string,
  query: string,
  options: { token?: string | null } = {},
): Promise<Subscription<T>> {
  const token = options.token === undefined ? defaultToken(baseUrl) : (options.token ?? undefined);
  const received: T[] = [];
  const failures: string[] = [];
  const waiters: { match: (event: T) => boolean; resolve: (event: T) => void }[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/api/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
    on: { connected: () => connected() },
  });
  const deliver = (event: T): void => {
    const index = waiters.findIndex((waiter) => waiter.match(event));
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(event);
    else received.push(event);
  };
  client.subscribe<T>(
    { query },
    {
      next: (result) => {
        if (result.errors) failures.push(JSON.stringify(result.errors));
        else if (result.data) deliver(result.data);
      },
      error: (error) => {
        failures.push(error instanceof Error ? error.message : 'subscription connection failed');
      },
      complete: () => undefined,
    },
  );
  await ready;
  return {
    next: (match = () => true) => {
      const index = received.findIndex(match);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0] as T);
      return new Promise<T>((resolve) => waiters.push({ match, resolve }));
    },
    take: (match) => {
      if (failures.length > 0) throw new Error(`subscription failed: ${failures.join('; ')}`);
      const index = received.findIndex(match);
      return index >= 0 ? received.splice(index, 1)[0] : undefined;
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/**
 * A subscription becomes live a moment after the connection is acknowledged
 * (the server registers it on Redis). Publishes every 100 ms until every
 * subscription has seen a matching event, so tests never sleep a fixed time.
 */
export async function publishUntilDelivered<T>(
  publish: () => Promise<void>,
  subscriptions: Subscription<T>[],
  match: (event: T) => boolean,
  timeoutMs = 10_000,
): Promise<T[]> {
  const found: (T | undefined)[] = subscriptions.map(() => undefined);
  const deadline = Date.now() + timeoutMs;
  while (found.some((event) => event === undefined)) {
    if (Date.now() > deadline)
      throw new Error(
        `event not delivered to ${found.filter((event) => event === undefined).length} subscription(s) within ${timeoutMs} ms`,
      );
    await publish();
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscriptions.forEach((subscription, index) => {
      found[index] ??= subscription.take(match);
    });
  }
  return found as T[];
}
