import { HeldShard, type HeldShardDeps } from './held-shard';
import { type LeaseApi } from './lease-api';
import { type LeaseObject } from './lease-records';

class StatusError extends Error {
  constructor(readonly code: number) {
    super(`HTTP ${code}`);
  }
}

/** An in-memory Lease store with resourceVersion checks, and a switch to lose answers. */
function fakeApi() {
  const stored = new Map<string, LeaseObject>();
  let version = 0;
  let dropAnswers = false;
  const store = (lease: LeaseObject) => {
    const copy: LeaseObject = structuredClone({
      ...lease,
      metadata: { ...lease.metadata, resourceVersion: String(++version) },
    });
    stored.set(lease.metadata.name, copy);
    return structuredClone(copy);
  };
  const api = {
    create: (lease: LeaseObject) => {
      if (stored.has(lease.metadata.name)) return Promise.reject(new StatusError(409));
      return Promise.resolve(store(lease));
    },
    replace: (lease: LeaseObject) => {
      const current = stored.get(lease.metadata.name);
      if (!current) return Promise.reject(new StatusError(404));
      if (current.metadata.resourceVersion !== lease.metadata.resourceVersion)
        return Promise.reject(new StatusError(409));
      const written = store(lease);
      return dropAnswers ? Promise.reject(new Error('no answer within 1000 ms')) : Promise.resolve(written);
    },
    read: (name: string) => Promise.resolve(structuredClone(stored.get(name))),
    delete: (name: string) => Promise.resolve(void stored.delete(name)),
  };
  return { api: api as unknown as LeaseApi, stored, setDropAnswers: (drop: boolean) => (dropAnswers = drop) };
}

describe('HeldShard', () => {
  let clock = 0;
  const deps = (api: LeaseApi, identity = 'me'): HeldShardDeps => ({
    api,
    identity,
    durationMs: 300,
    marginMs: 100,
    clock: () => clock,
  });

  beforeEach(() => (clock = 1000));

  it('may reconcile until one heartbeat before the Lease could expire, counted from sending', async () => {
    const { api } = fakeApi();
    const shard = await HeldShard.acquire('https://a', undefined, deps(api));
    expect(shard.validUntil).toBe(1200);
    expect(shard.ownedAt(1199)).toBe(true);
    expect(shard.ownedAt(1200)).toBe(false);
    clock = 1100;
    expect(await shard.renew()).toBe('renewed');
    expect(shard.validUntil).toBe(1300);
  });

  it('loses to a replica that took the Lease over', async () => {
    const { api, stored } = fakeApi();
    const shard = await HeldShard.acquire('https://a', undefined, deps(api));
    const [name] = [...stored.keys()];
    await HeldShard.acquire('https://a', stored.get(name!), deps(api, 'other'));
    expect(await shard.renew()).toBe('lost');
  });

  it('keeps the Lease when the conflict is its own unanswered renewal, without extending the deadline', async () => {
    const { api, setDropAnswers } = fakeApi();
    const shard = await HeldShard.acquire('https://a', undefined, deps(api));
    setDropAnswers(true);
    clock = 1100;
    expect(await shard.renew()).toBe('failed');
    setDropAnswers(false);
    expect(await shard.renew()).toBe('failed');
    expect(shard.validUntil).toBe(1200);
    clock = 1150;
    expect(await shard.renew()).toBe('renewed');
    expect(shard.validUntil).toBe(1350);
  });

  it('refuses to acquire a Lease someone else created first', async () => {
    const { api } = fakeApi();
    await HeldShard.acquire('https://a', undefined, deps(api, 'other'));
    await expect(HeldShard.acquire('https://a', undefined, deps(api))).rejects.toMatchObject({ code: 409 });
  });
});
