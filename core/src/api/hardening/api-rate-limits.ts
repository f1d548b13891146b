// Per-principal and per-address request budgets for the GraphQL API
// (security.md, GraphQL hardening: "per-IP and per-principal token buckets on
// HTTP and on WS messages"). Counters live in Redis so every API replica
// spends the same budget; when Redis does not answer, each replica falls back
// to an in-memory limiter of the same size instead of refusing everything
// (login keeps its own fail-closed counters in auth/login).
import { type Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface ApiRateLimitConfig {
  /** Operations per second one principal may start (HTTP operations and subscriptions); 0 = no limit. */
  perPrincipalPerSecond: number;
  /** Operations per second one client address may start without a token (login, version); 0 = no limit. */
  anonymousPerAddressPerSecond: number;
}

/** Who a budget belongs to: an authenticated principal, or the client address of an anonymous request. */
export type RateLimitSubject = { kind: 'principal'; id: string } | { kind: 'address'; id: string };

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Limiter = Pick<RateLimiterRedis, 'consume'>;

export class ApiRateLimits {
  private readonly principals: Limiter | undefined;
  private readonly addresses: Limiter | undefined;

  constructor(redis: Redis, keyPrefix: string, config: ApiRateLimitConfig) {
    this.principals = limiter(redis, `${keyPrefix}principal`, config.perPrincipalPerSecond);
    this.addresses = limiter(redis, `${keyPrefix}address`, config.anonymousPerAddressPerSecond);
  }

  /** Spends one operation of the subject's budget for the current second. */
  async consume(subject: RateLimitSubject): Promise<RateLimitDecision> {
    const target = subject.kind === 'principal' ? this.principals : this.addresses;
    if (target === undefined) return { allowed: true };
    try {
      await target.consume(subject.id);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }
}

function limiter(redis: Redis, keyPrefix: string, pointsPerSecond: number): Limiter | undefined {
  if (pointsPerSecond <= 0) return undefined;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: pointsPerSecond,
    duration: 1,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${keyPrefix}:memory`, points: pointsPerSecond, duration: 1 }),
  });
}

/** The budget a request spends: its principal's when it has one (issuer and name together), else its address's. */
export function rateLimitSubject(
  principal: { issuer: string; username: string } | undefined,
  clientAddress: string | undefined,
): RateLimitSubject {
  if (principal !== undefined) return { kind: 'principal', id: `${principal.issuer}|${principal.username}` };
  return { kind: 'address', id: clientAddress ?? 'unknown' };
}
