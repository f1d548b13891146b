import { SubscriberQueue } from './subscriber-queue';

describe('SubscriberQueue', () => {
  it('hands items over in order and waits for the next one', async () => {
    const queue = new SubscriberQueue<string>(10);
    queue.push('a');
    queue.push('b');
    expect(await queue.take()).toBe('a');
    expect(await queue.take()).toBe('b');
    const waiting = queue.take();
    queue.push('c');
    expect(await waiting).toBe('c');
  });

  it('replaces a waiting item pushed again under the same key, keeping its place', async () => {
    const queue = new SubscriberQueue<string>(10);
    queue.push('app-1 v1', 'app-1');
    queue.push('app-2 v1', 'app-2');
    queue.push('app-1 v2', 'app-1');
    expect(queue.size).toBe(2);
    expect(await queue.take()).toBe('app-1 v2');
    expect(await queue.take()).toBe('app-2 v1');
  });

  it('ends as overflowed, dropping everything, when more than its capacity waits', async () => {
    const queue = new SubscriberQueue<number>(2);
    queue.push(1);
    queue.push(2);
    expect(queue.ended).toBeUndefined();
    queue.push(3);
    expect(queue.ended).toBe('overflowed');
    expect(queue.size).toBe(0);
    expect(await queue.take()).toBeUndefined();
    queue.push(4);
    expect(queue.size).toBe(0);
  });

  it('counts a keyed replacement as no new item', () => {
    const queue = new SubscriberQueue<number>(1);
    queue.push(1, 'only');
    queue.push(2, 'only');
    expect(queue.ended).toBeUndefined();
  });

  it('releases a waiting consumer when ended', async () => {
    const queue = new SubscriberQueue<number>(1);
    const waiting = queue.take();
    queue.end();
    expect(await waiting).toBeUndefined();
    expect(queue.ended).toBe('ended');
  });
});
