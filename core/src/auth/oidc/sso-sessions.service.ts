import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Principal } from '../principal';
import { RevokedTokensStore } from '../session/revoked-tokens.store';
import { type IssuedSession } from '../session/session.service';
import { type SsoIdentity, ssoRbacClaims, ssoUsername } from './sso-identity';
import { signSsoSession, verifySsoSession } from './sso-session-token';
import { SsoProviderTokensStore } from './sso-provider-tokens.store';
import { SsoSettingsService } from './sso-settings.service';
import { SsoUserInfoGroups } from './sso-userinfo-groups.service';

/**
 * SSO sessions for SessionService (which owns the signing key and calls
 * `issue`/`check`): Driftless's own JWT carrying the identity provider's
 * identity. `check` verifies the token, then on every request that it was not
 * revoked (logout) and that argocd-cm still configures the identity provider
 * that vouched for the user — removing or re-pointing `oidc.config` ends every
 * SSO session, as it does in Argo CD, where the id_token could no longer be
 * verified. With oidc.config `enableUserInfoGroups`, the groups are those the
 * UserInfo endpoint gave last (asked again once the cache expires), not those
 * signed into the token at login.
 */
@Injectable()
export class SsoSessions {
  constructor(
    private readonly revoked: RevokedTokensStore,
    private readonly settings: SsoSettingsService,
    private readonly userInfoGroups: SsoUserInfoGroups,
    private readonly providerTokens: SsoProviderTokensStore,
  ) {}

  async issue(serverKey: Uint8Array, identity: SsoIdentity, lifetimeMs: number): Promise<IssuedSession> {
    const issuedAt = Date.now() / 1000;
    const id = randomUUID();
    const expiresAt = Math.floor(issuedAt + Math.max(1_000, lifetimeMs) / 1000);
    const token = await signSsoSession(serverKey, { identity, id, issuedAt, expiresAt });
    return { token, claims: { account: ssoUsername(identity), capability: 'login', id, issuedAt, expiresAt } };
  }

  async check(serverKey: Uint8Array, token: string): Promise<{ principal: Principal } | { reason: string }> {
    const result = await verifySsoSession(serverKey, token);
    if (!result.valid) return { reason: `sso session: ${result.reason}` };
    const { identity, id, expiresAt } = result.claims;
    if (await this.revoked.isRevoked(id)) return { reason: 'token revoked' };
    const current = await this.settings.current();
    if (current.kind !== 'ready' || !sameIssuer(current.settings.oidc.issuer, identity.issuer))
      return { reason: 'the identity provider of this SSO session is no longer configured' };
    const userInfo = current.settings.oidc.userInfoGroups;
    if (userInfo === undefined) return { principal: ssoPrincipal(identity, id, expiresAt) };
    const fresh = await this.userInfoGroups.current(serverKey, current.settings, userInfo, {
      id,
      subject: identity.subject,
      expiresAt,
    });
    if ('reason' in fresh) return { reason: fresh.reason };
    return { principal: ssoPrincipal({ ...identity, groups: fresh.groups }, id, expiresAt) };
  }

  /** At revocation: what was kept of the provider's tokens for this session goes too (for SessionService.revoke). */
  async forgetProviderTokens(tokenId: string): Promise<void> {
    await this.providerTokens.forget(tokenId);
  }
}

export function ssoPrincipal(identity: SsoIdentity, tokenId: string, expiresAt: number): Principal {
  return {
    username: ssoUsername(identity),
    issuer: identity.issuer,
    groups: [...identity.groups],
    capability: 'login',
    tokenId,
    expiresAt,
    claims: ssoRbacClaims(identity, tokenId),
    sso: {
      subject: identity.subject,
      ...(identity.email !== undefined ? { email: identity.email } : {}),
      ...(identity.name !== undefined ? { name: identity.name } : {}),
    },
  };
}

/** Issuer identifiers compare as URLs (`https://idp` and `https://idp/` are one issuer, as openid-client treats them). */
export function sameIssuer(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
