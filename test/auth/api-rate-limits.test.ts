// Per-principal and per-address request budgets (security.md, GraphQL
// hardening: rate limits on HTTP and on WebSocket messages), against a running
// server with small budgets: what is over budget is refused with 429,
// Retry-After and RATE_LIMITED, before any resolver runs.
import WebSocket from 'ws';
import { useKernelFixture } from '../support/kernel-fixture';
import { postGraphql } from '../support/graphql';
import { initialAdminPassword } from '../support/test-kernel';
import { login } from './auth-support';

const PER_PRINCIPAL = 4;
const PER_ADDRESS = 3;

/** Budgets are per second from the first request of a window: start every case in a fresh one. */
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe('API rate limits', () => {
  const fixture = useKernelFixture({
    env: { DRIFTLESS_API_RATE_LIMIT: String(PER_PRINCIPAL), DRIFTLESS_API_ANONYMOUS_RATE_LIMIT: String(PER_ADDRESS) },
  });
  let token: string;

  beforeAll(async () => {
    token = await login(
      fixture.kernel.url,
      'admin',
      await initialAdminPassword(fixture.cluster.connection, fixture.namespace),
    );
  });

  const burst = (count: number, query: string, as: string | null) =>
    Promise.all(Array.from({ length: count }, () => postGraphql(fixture.kernel.url, query, {}, { token: as })));

  it('refuses anonymous requests over the address budget with 429 and Retry-After', async () => {
    await nextWindow();
    const responses = await burst(PER_ADDRESS + 3, '{ version { __typename } }', null);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(PER_ADDRESS);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]?.headers.get('retry-after')).toBe('1');
    expect(refused[0]?.body.errors?.[0]).toMatchObject({
      message: 'too many requests; retry in 1 s',
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(refused[0]?.body.data).toBeUndefined();
  });

  it("spends an authenticated principal's own budget, not the address's", async () => {
    await nextWindow();
    const responses = await burst(PER_PRINCIPAL + 2, '{ userInfo { username } }', token);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(PER_PRINCIPAL);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(2);
    // Anonymous requests from the same address still have their budget.
    expect((await postGraphql(fixture.kernel.url, '{ version { __typename } }', {}, { token: null })).status).toBe(200);
    await nextWindow();
    expect((await postGraphql(fixture.kernel.url, '{ userInfo { username } }', {}, { token })).status).toBe(200);
  });

  it('refuses subscribe messages over the budget on an open connection', async () => {
    const socket = new WebSocket(`${fixture.kernel.url.replace(/^http/, 'ws')}/api/graphql`, 'graphql-transport-ws');
    const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as (typeof messages)[number]));
    try {
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      await poll(() => messages.some((message) => message.type === 'connection_ack'));
      await nextWindow();
      for (let id = 1; id <= PER_PRINCIPAL + 2; id += 1)
        socket.send(
          JSON.stringify({
            id: String(id),
            type: 'subscribe',
            payload: { query: 'subscription { serverEvents { type } }' },
          }),
        );
      await poll(() => messages.filter((message) => message.type === 'error').length >= 2);
      const errors = messages.filter((message) => message.type === 'error');
      expect(errors).toHaveLength(2);
      expect(errors[0]?.payload).toEqual([
        expect.objectContaining({
          message: 'too many requests; retry in 1 s',
          extensions: expect.objectContaining({ code: 'RATE_LIMITED' }),
        }),
      ]);
      expect(socket.readyState).toBe(WebSocket.OPEN);
    } finally {
      socket.close();
    }
  });
});

async function poll(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
