// What Driftless keeps of the identity provider's answer for one SSO session,
// server-side in Redis and keyed by the session's id (`jti`): the id_token
// (for oidc.config `logoutURL`'s `{{token}}`), the access token (to ask the
// UserInfo endpoint again, `enableUserInfoGroups`) and the groups that
// endpoint last gave (until `userInfoCacheExpiration`). Every value is
// encrypted and authenticated (JWE dir/A256GCM, key derived from argocd-secret
// `server.secretkey` with its own label) and names the session it belongs to,
// so Redis never holds a token in clear and a value moved to another session's
// key is refused. The tokens expire with the session; logout deletes them.
import { hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { AUTH_REDIS, authKeyPrefix } from '../auth-redis';

const KEY_LABEL = 'driftless sso provider tokens v1';

export interface ProviderTokens {
  idToken?: string;
  accessToken?: string;
}

@Injectable()
export class SsoProviderTokensStore {
  private readonly tokensPrefix: string;
  private readonly groupsPrefix: string;

  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
  ) {
    this.tokensPrefix = `${authKeyPrefix(config)}sso-tokens:`;
    this.groupsPrefix = `${authKeyPrefix(config)}sso-groups:`;
  }

  /** Keeps the tokens of session `sessionId` until `expiresAt` (seconds since the epoch). */
  async saveTokens(serverKey: Uint8Array, sessionId: string, tokens: ProviderTokens, expiresAt: number): Promise<void> {
    const claims: Record<string, string> = {};
    if (tokens.idToken !== undefined) claims['i'] = tokens.idToken;
    if (tokens.accessToken !== undefined) claims['a'] = tokens.accessToken;
    if (Object.keys(claims).length === 0) return;
    const ttlMs = expiresAt * 1000 - Date.now();
    if (ttlMs <= 0) return;
    await this.put(serverKey, this.tokensPrefix + sessionId, sessionId, claims, ttlMs);
  }

  /** The tokens of a session; empty when none were kept, they expired, or the value is not intact. */
  async tokens(serverKey: Uint8Array, sessionId: string): Promise<ProviderTokens> {
    const claims = await this.get(serverKey, this.tokensPrefix + sessionId, sessionId);
    if (claims === undefined) return {};
    const tokens: ProviderTokens = {};
    if (typeof claims['i'] === 'string') tokens.idToken = claims['i'];
    if (typeof claims['a'] === 'string') tokens.accessToken = claims['a'];
    return tokens;
  }

  /** The UserInfo groups of a session, fresh for `ttlMs`. */
  async saveGroups(serverKey: Uint8Array, sessionId: string, groups: string[], ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.put(serverKey, this.groupsPrefix + sessionId, sessionId, { g: groups }, ttlMs);
  }

  /** The cached UserInfo groups, or undefined when they must be fetched again. */
  async groups(serverKey: Uint8Array, sessionId: string): Promise<string[] | undefined> {
    const claims = await this.get(serverKey, this.groupsPrefix + sessionId, sessionId);
    const groups = claims?.['g'];
    return Array.isArray(groups) && groups.every((group) => typeof group === 'string') ? groups : undefined;
  }

  /** Logout, or a provider that no longer accepts the access token: nothing of the session stays. */
  async forget(sessionId: string): Promise<void> {
    await this.redis.del(this.tokensPrefix + sessionId, this.groupsPrefix + sessionId);
  }

  private async put(
    serverKey: Uint8Array,
    key: string,
    sessionId: string,
    claims: Record<string, unknown>,
    ttlMs: number,
  ): Promise<void> {
    const milliseconds = Math.max(1_000, Math.ceil(ttlMs));
    const sealed = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setJti(sessionId)
      .setExpirationTime(Math.ceil((Date.now() + milliseconds) / 1000))
      .encrypt(sealingKey(serverKey));
    await this.redis.set(key, sealed, 'PX', milliseconds);
  }

  private async get(
    serverKey: Uint8Array,
    key: string,
    sessionId: string,
  ): Promise<Record<string, unknown> | undefined> {
    const sealed = await this.redis.get(key);
    if (sealed === null) return undefined;
    try {
      const { payload } = await jwtDecrypt(sealed, sealingKey(serverKey), {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
        requiredClaims: ['exp', 'jti'],
      });
      return payload.jti === sessionId ? payload : undefined;
    } catch {
      return undefined; // another server.secretkey, altered, or expired: as if absent
    }
  }
}

function sealingKey(serverKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', serverKey, new Uint8Array(0), KEY_LABEL, 32));
}
