import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { AUTH_REDIS, authKeyPrefix } from '../auth-redis';

/**
 * Failed login counts per username, in Redis with the window as TTL: they
 * survive a restart of any API replica and are shared by all of them
 * (security.md BI-BF-3), and a flood of other usernames cannot evict one
 * (no bounded in-process cache: BI-BF-2). Usernames are hashed into the key.
 */
@Injectable()
export class LoginFailuresStore {
  private readonly prefix: string;

  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
  ) {
    this.prefix = `${authKeyPrefix(config)}login-failures:`;
  }

  /** Rejects when Redis does not answer: the caller must refuse the login (fail closed). */
  async failures(username: string): Promise<number> {
    return Number((await this.redis.get(this.key(username))) ?? 0);
  }

  async recordFailure(username: string, windowSeconds: number): Promise<number> {
    const key = this.key(username);
    const result = await this.redis.multi().incr(key).expire(key, windowSeconds).exec();
    return Number(result?.[0]?.[1] ?? 0);
  }

  async reset(username: string): Promise<void> {
    await this.redis.del(this.key(username));
  }

  private key(username: string): string {
    return this.prefix + createHash('sha256').update(username).digest('hex');
  }
}
