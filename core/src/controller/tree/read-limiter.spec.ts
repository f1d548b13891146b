import { ReadLimiter } from './read-limiter';

describe('read limiter', () => {
  it('runs at most `limit` reads at once and all of them in the end', async () => {
    const limiter = new ReadLimiter(2);
    let running = 0;
    let most = 0;
    const read = async (value: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return value;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => limiter.run(() => read(value))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('frees its place when a read fails', async () => {
    const limiter = new ReadLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
