import { Injectable } from '@nestjs/common';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import { SERVER_SECRET_KEY } from '../accounts/initial-admin.service';
import { RevokedTokensStore } from '../session/revoked-tokens.store';
import { SessionService } from '../session/session.service';
import { logoutLocation } from './logout-url';
import { SsoProviderTokensStore } from './sso-provider-tokens.store';
import { isSsoSessionToken, verifySsoSession } from './sso-session-token';
import { SsoSettingsService } from './sso-settings.service';

/**
 * Logout for the browser (`/auth/logout`), as Argo CD's logout handler: the
 * session of the request is revoked, and the browser goes on to oidc.config
 * `logoutURL` (an SSO session) or back to argocd-cm `url`. An SSO session is
 * recognised by its signature alone, so it can log out even when its groups
 * could not be refreshed; what was kept of the provider's tokens is deleted.
 */
@Injectable()
export class SsoLogoutService {
  constructor(
    private readonly sessions: SessionService,
    private readonly ssoSettings: SsoSettingsService,
    private readonly providerTokens: SsoProviderTokensStore,
    private readonly revoked: RevokedTokensStore,
    private readonly secret: ArgocdSecretStore,
    private readonly settings: SettingsConfigMaps,
  ) {}

  /**
   * Revokes `token` (when it is a valid session) and answers where the browser goes next, and
   * whether the cleared cookie is Secure (over TLS, or behind an https argocd-cm url, as it was set).
   */
  async logout(token: string | undefined, requestSecure: boolean): Promise<{ location: string; secure: boolean }> {
    let ssoSession = false;
    let idToken: string | undefined;
    if (token !== undefined && isSsoSessionToken(token)) {
      const serverKey = await this.serverKey();
      const verified = await verifySsoSession(serverKey, token);
      if (verified.valid && !(await this.revoked.isRevoked(verified.claims.id))) {
        const { id, expiresAt } = verified.claims;
        ssoSession = true;
        idToken = (await this.providerTokens.tokens(serverKey, id)).idToken;
        await this.revoked.revoke(id, expiresAt);
        await this.providerTokens.forget(id);
      }
    } else if (token !== undefined) {
      const principal = await this.sessions.verify(token);
      if (principal !== undefined) await this.sessions.revoke(principal);
    }
    const current = await this.ssoSettings.current();
    const argocdCm = await this.settings.data('argocd-cm').catch((): Record<string, string> => ({}));
    const externalUrl = argocdCm['url'];
    const location = logoutLocation({
      logoutURL: current.kind === 'ready' ? current.settings.oidc.logoutURL : undefined,
      ssoSession,
      idToken,
      externalUrl,
    });
    return { location, secure: requestSecure || (externalUrl ?? '').trim().startsWith('https:') };
  }

  private async serverKey(): Promise<Uint8Array> {
    const key = (await this.secret.values())[SERVER_SECRET_KEY];
    if (!key) throw new Error(`argocd-secret has no ${SERVER_SECRET_KEY}`);
    return new TextEncoder().encode(key);
  }
}
