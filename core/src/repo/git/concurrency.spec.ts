import { KeyedMutex, SingleFlight } from './concurrency';

describe('SingleFlight', () => {
  it('shares one run between concurrent callers of a key and forgets it afterwards', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return runs;
    };
    expect(await Promise.all([flight.run('a', work), flight.run('a', work), flight.run('b', work)])).toEqual([2, 2, 2]);
    expect(flight.has('a')).toBe(false);
    await flight.run('a', work);
    expect(runs).toBe(3);
  });
});

describe('KeyedMutex', () => {
  it('runs work on one key one at a time, even after a failure', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
      };
    await Promise.allSettled([
      mutex.lock('k', step('1', true)),
      mutex.lock('k', step('2')),
      mutex.lock('other', step('x')),
    ]);
    expect(events.indexOf('start 2')).toBeGreaterThan(events.indexOf('end 1'));
    expect(events.indexOf('start x')).toBeLessThan(events.indexOf('end 1'));
  });
});
