import { type Principal } from '../../auth/principal';
import { SubscriberQueue } from './subscriber-queue';
import { SubscriptionEnd, accessLost, resolveOrEnd } from './subscription-end';
import { type Emission, endWith, send, skip, subscriptionStream } from './subscription-stream';

const principal = (expiresAt?: number): Principal => ({
  username: 'alice',
  issuer: 'argocd',
  groups: [],
  capability: 'login',
  tokenId: 'id',
  expiresAt,
  claims: { sub: 'alice' },
});

function stream(emit: (item: number) => Promise<Emission<string>>, capacity = 10, expiresAt?: number) {
  const queue = new SubscriberQueue<number>(capacity);
  let released = 0;
  const iterator = subscriptionStream<number, string>({
    principal: principal(expiresAt),
    queue,
    emit,
    release: () => (released += 1),
  });
  return { queue, iterator, released: () => released };
}

describe('subscriptionStream', () => {
  it('decides at emit time: sends, skips, and completes after a last item', async () => {
    const { queue, iterator, released } = stream((item) =>
      Promise.resolve(item === 2 ? skip : send(`item ${item}`, item === 3)),
    );
    [1, 2, 3, 4].forEach((item) => queue.push(item));
    expect(await iterator.next()).toEqual({ value: 'item 1', done: false });
    expect(await iterator.next()).toEqual({ value: 'item 3', done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(released()).toBe(1);
  });

  it('ends with the reason an emit gives, which resolveOrEnd turns into a coded error', async () => {
    const { queue, iterator, released } = stream(() => Promise.resolve(endWith(accessLost())));
    queue.push(1);
    const { value } = await iterator.next();
    expect(value).toBeInstanceOf(SubscriptionEnd);
    expect(() => {
      resolveOrEnd(value as SubscriptionEnd);
    }).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect((await iterator.next()).done).toBe(true);
    expect(released()).toBe(1);
  });

  it('closes a subscriber that fell behind with SUBSCRIBER_TOO_SLOW', async () => {
    const { queue, iterator } = stream((item) => Promise.resolve(send(String(item))), 2);
    [1, 2, 3].forEach((item) => queue.push(item));
    const { value } = await iterator.next();
    expect(value).toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW' });
    expect((value as SubscriptionEnd).message).toMatch(/more than 2 updates were waiting; subscribe again$/);
    expect((await iterator.next()).done).toBe(true);
  });

  it('ends with UNAUTHENTICATED instead of emitting once the session expired', async () => {
    let emitted = 0;
    const emit = () => {
      emitted += 1;
      return Promise.resolve(send('secret'));
    };
    const { queue, iterator } = stream(emit, 10, Math.floor(Date.now() / 1000) - 1);
    queue.push(1);
    expect((await iterator.next()).value).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(emitted).toBe(0);
  });

  it('releases once and unblocks a waiting next() when the client completes', async () => {
    const { iterator, released } = stream((item) => Promise.resolve(send(String(item))));
    const waiting = iterator.next();
    await iterator.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    await iterator.return?.();
    expect(released()).toBe(1);
  });

  it('ends with INTERNAL_SERVER_ERROR, without details, when an emit fails', async () => {
    const { queue, iterator } = stream(() => Promise.reject(new Error('kube said no at 10.0.0.1')));
    queue.push(1);
    const { value } = await iterator.next();
    expect(value).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect((value as SubscriptionEnd).message).not.toContain('10.0.0.1');
  });
});
