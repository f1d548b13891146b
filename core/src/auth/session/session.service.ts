import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccountService } from '../accounts/account.service';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import { SERVER_SECRET_KEY } from '../accounts/initial-admin.service';
import { type AccountCapability } from '../accounts/local-accounts';
import { type Principal } from '../principal';
import { RevokedTokensStore } from './revoked-tokens.store';
import { SESSION_ISSUER, type SessionClaims, signSessionToken, verifySessionToken } from './session-token';

export interface IssuedSession {
  token: string;
  claims: SessionClaims;
}

/**
 * Issues and verifies Driftless's own session tokens. Every login path (local
 * accounts today, OIDC later) ends in `issue`; every request's token goes
 * through `verify`, which re-checks the account on each call: revoked by
 * logout, account gone or disabled, capability withdrawn, password changed
 * since, API token deleted (security.md BI-AUTH-4, Argo CD rows 2 and 6).
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly secret: ArgocdSecretStore,
    private readonly accounts: AccountService,
    private readonly revoked: RevokedTokensStore,
  ) {}

  async issue(
    account: string,
    capability: AccountCapability,
    lifetimeMs: number | undefined,
    id: string = randomUUID(),
  ): Promise<IssuedSession> {
    const issuedAt = Date.now() / 1000;
    const claims: SessionClaims = {
      account,
      capability,
      id,
      issuedAt,
      expiresAt: lifetimeMs === undefined || lifetimeMs <= 0 ? undefined : Math.floor(issuedAt + lifetimeMs / 1000),
    };
    return { token: await signSessionToken(await this.signingKey(), claims), claims };
  }

  /** The principal of a valid token, else undefined (with the reason at debug level, never the token). */
  async verify(token: string): Promise<Principal | undefined> {
    const reason = await this.problem(token).catch(() => ({ reason: 'verification unavailable' }));
    if ('principal' in reason) return reason.principal;
    this.logger.debug(`token rejected: ${reason.reason}`);
    return undefined;
  }

  async revoke(principal: Principal): Promise<void> {
    await this.revoked.revoke(principal.tokenId, principal.expiresAt);
  }

  private async problem(token: string): Promise<{ principal: Principal } | { reason: string }> {
    const result = await verifySessionToken(await this.signingKey(), token);
    if (!result.valid) return { reason: result.reason };
    const { claims } = result;
    if (await this.revoked.isRevoked(claims.id)) return { reason: 'token revoked' };
    const account = await this.accounts.account(claims.account);
    if (account === undefined || !account.enabled) return { reason: 'account disabled or unknown' };
    if (!account.capabilities.includes(claims.capability)) return { reason: `account lacks ${claims.capability}` };
    if (claims.capability === 'apiKey' && !account.tokens.some((entry) => entry.id === claims.id))
      return { reason: 'token deleted' };
    if (account.passwordMtime !== undefined && claims.issuedAt * 1000 < account.passwordMtime)
      return { reason: 'password changed since the token was issued' };
    return {
      principal: {
        username: account.name,
        issuer: SESSION_ISSUER,
        groups: [],
        capability: claims.capability,
        tokenId: claims.id,
        expiresAt: claims.expiresAt,
        claims: { iss: SESSION_ISSUER, sub: account.name, jti: claims.id },
      },
    };
  }

  private async signingKey(): Promise<Uint8Array> {
    const key = (await this.secret.values())[SERVER_SECRET_KEY];
    if (!key) throw new Error(`argocd-secret has no ${SERVER_SECRET_KEY}`);
    return new TextEncoder().encode(key);
  }
}
