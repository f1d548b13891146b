import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { AUTH_REDIS, authKeyPrefix } from '../auth-redis';

/** Ids of tokens revoked by logout, kept in Redis until the token would have expired anyway. */
@Injectable()
export class RevokedTokensStore {
  private readonly prefix: string;

  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
  ) {
    this.prefix = `${authKeyPrefix(config)}revoked:`;
  }

  async revoke(tokenId: string, expiresAt: number | undefined): Promise<void> {
    const key = this.prefix + tokenId;
    if (expiresAt === undefined) await this.redis.set(key, '1');
    else await this.redis.set(key, '1', 'PX', Math.max(1_000, Math.ceil(expiresAt * 1000 - Date.now())));
  }

  /** Rejects when Redis does not answer; callers treat that as revoked (fail closed). */
  async isRevoked(tokenId: string): Promise<boolean> {
    return (await this.redis.exists(this.prefix + tokenId)) === 1;
  }
}
