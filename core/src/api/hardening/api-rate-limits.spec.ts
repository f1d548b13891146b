import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { ApiRateLimits, type RateLimitDecision, rateLimitSubject } from './api-rate-limits';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('ApiRateLimits (real Redis)', () => {
  const clients: Redis[] = [];
  const connect = (options: RedisOptions = {}) => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, ...options });
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((client) => client.disconnect()));

  const spend = (limits: ApiRateLimits, id: string, times: number): Promise<RateLimitDecision[]> =>
    Promise.all(Array.from({ length: times }, () => limits.consume({ kind: 'principal', id })));
  const allowed = (decisions: RateLimitDecision[]) => decisions.filter((decision) => decision.allowed).length;

  it('gives each principal its own budget per second, shared by every replica', async () => {
    const prefix = `driftless:test-${randomUUID()}:api-rate:`;
    const config = { perPrincipalPerSecond: 5, anonymousPerAddressPerSecond: 2 };
    const replicaA = new ApiRateLimits(connect(), prefix, config);
    const replicaB = new ApiRateLimits(connect(), prefix, config);

    const [fromA, fromB] = await Promise.all([spend(replicaA, 'argocd|alice', 4), spend(replicaB, 'argocd|alice', 4)]);
    expect(allowed([...fromA, ...fromB])).toBe(5);
    const refused = [...fromA, ...fromB].find((decision) => !decision.allowed);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(allowed(await spend(replicaA, 'argocd|bob', 5))).toBe(5);

    const anonymous = await Promise.all(
      Array.from({ length: 4 }, () => replicaB.consume({ kind: 'address', id: '10.0.0.7' })),
    );
    expect(allowed(anonymous)).toBe(2);
  });

  it('falls back to a per-replica budget of the same size while Redis does not answer', async () => {
    const unreachable = connect({ lazyConnect: true, enableOfflineQueue: false, port: 1 });
    const limits = new ApiRateLimits(unreachable, `driftless:test-${randomUUID()}:api-rate:`, {
      perPrincipalPerSecond: 3,
      anonymousPerAddressPerSecond: 3,
    });
    expect(allowed(await spend(limits, 'argocd|alice', 6))).toBe(3);
  });

  it('turns a limit off with 0', async () => {
    const limits = new ApiRateLimits(connect(), `driftless:test-${randomUUID()}:api-rate:`, {
      perPrincipalPerSecond: 0,
      anonymousPerAddressPerSecond: 0,
    });
    expect(allowed(await spend(limits, 'argocd|alice', 50))).toBe(50);
  });

  it('charges a request to its principal, or to its address without one', () => {
    expect(rateLimitSubject({ issuer: 'argocd', username: 'alice' }, '10.0.0.1')).toEqual({
      kind: 'principal',
      id: 'argocd|alice',
    });
    expect(rateLimitSubject(undefined, '10.0.0.1')).toEqual({ kind: 'address', id: '10.0.0.1' });
  });
});
