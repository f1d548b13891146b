import { Injectable, Logger } from '@nestjs/common';
import { IdTokenRefusedError, IdpClient, IdpUnavailableError, UserInfoUnauthorizedError } from './idp-client.service';
import { type SsoSettings, type UserInfoGroupsConfig } from './oidc-config';
import { SsoProviderTokensStore } from './sso-provider-tokens.store';
import { groupsFromUserInfo } from './userinfo-groups';

/** After a failed refresh, a session's requests answer with that failure this long before asking again. */
const RETRY_AFTER_FAILURE_MS = 5_000;

export type FreshGroups = { groups: string[] } | { reason: string };

/**
 * oidc.config `enableUserInfoGroups`: the groups come from the provider's
 * UserInfo endpoint, asked with the access token of the login. At login they
 * replace the id_token's groups (`forLogin`); then they are kept (encrypted)
 * for `userInfoCacheExpiration`, at most for the session, and the first
 * request after that asks again (`current`). As in Argo CD, a session whose
 * groups cannot be refreshed is refused rather than served with old groups
 * (a removed group must not outlive the cache): an unreachable provider ends
 * requests until it answers again, an access token it no longer accepts ends
 * the session (log in again).
 */
@Injectable()
export class SsoUserInfoGroups {
  private readonly logger = new Logger('sso');
  private readonly inFlight = new Map<string, Promise<FreshGroups>>();
  private readonly failures = new Map<string, { reason: string; until: number }>();
  private lastLogged: string | undefined;

  constructor(
    private readonly idp: IdpClient,
    private readonly store: SsoProviderTokensStore,
  ) {}

  /** The groups for a login whose id_token says `subject`; throws IdpClient's errors (never with the token). */
  async forLogin(
    settings: SsoSettings,
    config: UserInfoGroupsConfig,
    subject: string,
    accessToken: string,
  ): Promise<string[]> {
    const answer = await this.idp.userInfo(settings, config.endpoint, accessToken);
    const result = groupsFromUserInfo(answer, { subject, groupsClaim: settings.oidc.groupsClaim });
    if (!result.ok) throw new IdTokenRefusedError(result.problem);
    return result.groups;
  }

  /** Keeps a session's groups until the cache expires or the session does. */
  async remember(
    serverKey: Uint8Array,
    config: UserInfoGroupsConfig,
    sessionId: string,
    groups: string[],
    expiresAt: number,
  ): Promise<void> {
    const sessionLeftMs = expiresAt * 1000 - Date.now();
    const ttlMs =
      config.cacheExpirationMs === undefined ? sessionLeftMs : Math.min(config.cacheExpirationMs, sessionLeftMs);
    await this.store.saveGroups(serverKey, sessionId, groups, ttlMs);
  }

  /** The session's groups: cached, else asked again (one request per session at a time). */
  async current(
    serverKey: Uint8Array,
    settings: SsoSettings,
    config: UserInfoGroupsConfig,
    session: { id: string; subject: string; expiresAt: number },
  ): Promise<FreshGroups> {
    const cached = await this.store.groups(serverKey, session.id);
    if (cached !== undefined) return { groups: cached };
    const failure = this.failures.get(session.id);
    if (failure !== undefined && failure.until > Date.now()) return { reason: failure.reason };
    const running = this.inFlight.get(session.id);
    if (running !== undefined) return running;
    const refresh = this.refresh(serverKey, settings, config, session).finally(() => this.inFlight.delete(session.id));
    this.inFlight.set(session.id, refresh);
    return refresh;
  }

  private async refresh(
    serverKey: Uint8Array,
    settings: SsoSettings,
    config: UserInfoGroupsConfig,
    session: { id: string; subject: string; expiresAt: number },
  ): Promise<FreshGroups> {
    const { accessToken } = await this.store.tokens(serverKey, session.id);
    if (accessToken === undefined)
      return {
        reason:
          'no access token is kept for this SSO session, which oidc.config enableUserInfoGroups needs: log in again',
      };
    try {
      const groups = await this.forLogin(settings, config, session.subject, accessToken);
      await this.remember(serverKey, config, session.id, groups, session.expiresAt);
      this.failures.delete(session.id);
      if (this.lastLogged !== undefined) this.logger.log('SSO: the UserInfo endpoint answers again');
      this.lastLogged = undefined;
      return { groups };
    } catch (error) {
      if (
        !(error instanceof IdpUnavailableError) &&
        !(error instanceof IdTokenRefusedError) &&
        !(error instanceof UserInfoUnauthorizedError)
      )
        throw error;
      const reason = `the groups of this SSO session cannot be refreshed: ${error.message}`;
      this.failures.set(session.id, { reason, until: Date.now() + RETRY_AFTER_FAILURE_MS });
      this.forgetOldFailures();
      if (reason !== this.lastLogged) this.logger.warn(reason);
      this.lastLogged = reason;
      return { reason };
    }
  }

  private forgetOldFailures(): void {
    const now = Date.now();
    for (const [id, failure] of this.failures) if (failure.until <= now) this.failures.delete(id);
  }
}
