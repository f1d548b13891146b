import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccountService } from '../accounts/account.service';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import { SERVER_SECRET_KEY } from '../accounts/initial-admin.service';
import { type AccountCapability } from '../accounts/local-accounts';
import { type Principal } from '../principal';
import { ProjectTokens } from '../project-tokens/project-tokens.service';
import { type SsoIdentity } from '../oidc/sso-identity';
import { isSsoSessionToken } from '../oidc/sso-session-token';
import { SsoSessions } from '../oidc/sso-sessions.service';
import { RevokedTokensStore } from './revoked-tokens.store';
import { SESSION_ISSUER, type SessionClaims, signSessionToken, verifySessionToken } from './session-token';

export interface IssuedSession {
  token: string;
  claims: SessionClaims;
}

/**
 * Issues and verifies Driftless's own session tokens. Every login path ends
 * here (local accounts in `issue`, OIDC single sign-on in `issueSso`); every
 * request's token goes through `verify`, which re-checks the account on each
 * call (SSO sessions: revocation and the configured provider): revoked by
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
    private readonly projectTokens: ProjectTokens,
    private readonly ssoSessions: SsoSessions,
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

  /**
   * An SSO session (OIDC, browser or CLI): Driftless's own JWT carrying the identity provider's
   * user and groups, signed with a key derived from server.secretkey, revocable by logout.
   */
  async issueSso(identity: SsoIdentity, lifetimeMs: number): Promise<IssuedSession> {
    return this.ssoSessions.issue(await this.signingKey(), identity, lifetimeMs);
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
    // What was kept of the identity provider's tokens for an SSO session (logout URL, UserInfo groups) goes too.
    if (principal.sso) await this.ssoSessions.forgetProviderTokens(principal.tokenId);
  }

  private async problem(token: string): Promise<{ principal: Principal } | { reason: string }> {
    if (isSsoSessionToken(token)) return this.ssoSessions.check(await this.signingKey(), token);
    // Project role tokens (sub proj:<project>:<role>) are checked against their role's token list instead.
    const projectToken = await this.projectTokens.verify(token);
    if (projectToken !== undefined) return projectToken;
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
