import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import * as client from 'openid-client';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { rbacConfigFromData } from '../../rbac';
import { AccountService } from '../accounts/account.service';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import { SERVER_SECRET_KEY } from '../accounts/initial-admin.service';
import { cookieValue, sessionCookie } from '../graphql/request-token';
import { type IssuedSession, SessionService } from '../session/session.service';
import { IdTokenRefusedError, IdpClient, IdpUnavailableError, UserInfoUnauthorizedError } from './idp-client.service';
import { STATE_COOKIE, clearedStateCookie, openLoginState, sealLoginState, stateCookie } from './login-state';
import { logoutNeedsIdToken } from './logout-url';
import { type RequestedClaim, type SsoSettings } from './oidc-config';
import { safeReturnPath } from './return-url';
import { type SsoIdentity, ssoIdentityFromClaims, ssoUsername } from './sso-identity';
import { type ProviderTokens, SsoProviderTokensStore } from './sso-provider-tokens.store';
import { SsoSettingsService } from './sso-settings.service';
import { SsoUserInfoGroups } from './sso-userinfo-groups.service';

/** How old an id_token handed to /auth/sso/token may be: the CLI exchanges it as soon as it has it. */
export const EXCHANGE_MAX_AGE_SECONDS = 600;
/** Browsers drop cookies over 4096 bytes (name, value and attributes). */
const COOKIE_LIMIT = 4_000;

/** A refused SSO step: `status` is the HTTP answer, `message` one line safe to show (never a token). */
export class SsoLoginError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SsoLoginError';
  }
}

/** What a CLI needs to run the login against the identity provider itself (Argo CD's settings oidcConfig). */
export interface PublicSsoSettings {
  name: string;
  issuer: string;
  clientID: string;
  cliClientID: string;
  scopes: string[];
  idTokenClaims: Record<string, RequestedClaim | null> | null;
}

export interface BrowserLoginStart {
  /** The identity provider's authorization URL. */
  location: string;
  /** Set-Cookie for the login state. */
  cookie: string;
}

export interface BrowserLoginEnd {
  returnPath: string;
  /** Set-Cookie values: the session (`argocd.token`) and the cleared login state. */
  cookies: string[];
  username: string;
}

/**
 * The SSO flows of the server role. Browser: `/auth/login` sends the browser
 * to the identity provider with state, nonce and a PKCE S256 challenge (all
 * from openid-client's CSPRNG helpers) kept in an encrypted cookie;
 * `/auth/callback` checks that cookie's state against the answer, redeems the
 * code, verifies the id_token and ends in `SessionService.issueSso`. CLI:
 * `/auth/sso/token` takes an id_token the CLI obtained itself, verifies it the
 * same way and issues the same kind of session.
 */
@Injectable()
export class SsoLoginService implements OnApplicationBootstrap {
  private readonly logger = new Logger('sso');

  constructor(
    private readonly ssoSettings: SsoSettingsService,
    private readonly idp: IdpClient,
    private readonly sessions: SessionService,
    private readonly secret: ArgocdSecretStore,
    private readonly settings: SettingsConfigMaps,
    private readonly accounts: AccountService,
    private readonly userInfoGroups: SsoUserInfoGroups,
    private readonly providerTokens: SsoProviderTokensStore,
  ) {}

  /** At start, a broken oidc.config or an unreachable provider is logged (once) without waiting for a login. */
  onApplicationBootstrap(): void {
    void this.ssoSettings
      .current()
      .then((current) => (current.kind === 'ready' ? this.idp.discovered(current.settings) : undefined))
      .catch(() => undefined);
  }

  async publicSettings(): Promise<PublicSsoSettings> {
    const { oidc } = await this.readySettings();
    return {
      name: oidc.name,
      issuer: oidc.issuer,
      clientID: oidc.clientID,
      cliClientID: oidc.cliClientID,
      scopes: oidc.requestedScopes,
      idTokenClaims: oidc.requestedIDTokenClaims ?? null,
    };
  }

  async begin(returnUrl: string | undefined, requestSecure: boolean): Promise<BrowserLoginStart> {
    const settings = await this.readySettings();
    if (settings.redirectUri === undefined)
      throw new SsoLoginError(
        'SSO login needs argocd-cm url (the external URL of Driftless; the identity provider redirects to <url>/auth/callback)',
        503,
      );
    const target = safeReturnPath(returnUrl, settings.externalUrl);
    if (!target.ok) throw new SsoLoginError(`invalid return_url: ${target.reason}`, 400);
    const discovered = await this.discovered(settings);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const sealed = await sealLoginState(await this.serverKey(), {
      state,
      nonce,
      codeVerifier,
      returnPath: target.path,
      redirectUri: settings.redirectUri,
    });
    const location = this.idp.authorizationUrl(discovered, settings, {
      redirectUri: settings.redirectUri,
      state,
      nonce,
      codeChallenge,
    });
    return {
      location: location.href,
      cookie: stateCookie(sealed, this.secure(settings, requestSecure), new URL(settings.redirectUri).pathname),
    };
  }

  /** `query`: the callback's query string as received (the code is redeemed with exactly these parameters). */
  async complete(query: string, cookieHeader: string | undefined, requestSecure: boolean): Promise<BrowserLoginEnd> {
    const settings = await this.readySettings();
    const parameters = new URLSearchParams(query);
    const providerError = parameters.get('error');
    if (providerError !== null) {
      // Whoever crafts the link writes these parameters (BI-XSS-3): the page shows a fixed message and
      // an OAuth error code only when it looks like one; the description goes to the log, as one short line.
      const description = (parameters.get('error_description') ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
      this.logger.warn(`the identity provider refused a login: ${providerError.slice(0, 60)} ${description}`.trim());
      const code = /^[a-z_]{1,40}$/.test(providerError) ? ` (${providerError})` : '';
      throw new SsoLoginError(`the identity provider refused the login${code}`, 401);
    }
    const state = parameters.get('state');
    if (parameters.get('code') === null || state === null)
      throw new SsoLoginError('the callback has no code or no state', 400);
    const sealed = cookieValue(cookieHeader, STATE_COOKIE);
    const login = sealed === undefined ? undefined : await openLoginState(await this.serverKey(), sealed);
    if (login === undefined)
      throw new SsoLoginError('no login in progress in this browser, or it expired: start again at /auth/login', 400);
    if (!sameSecret(login.state, state)) throw new SsoLoginError('the state does not match this browser’s login', 400);

    const callbackUrl = new URL(login.redirectUri);
    callbackUrl.search = parameters.toString();
    const redeemed = await this.guard(() =>
      this.idp.redeemCode(settings, callbackUrl, {
        state: login.state,
        nonce: login.nonce,
        codeVerifier: login.codeVerifier,
      }),
    );
    const { session, identity } = await this.issue(settings, redeemed.claims, 'browser', redeemed);
    const secure = this.secure(settings, requestSecure);
    const maxAge = session.claims.expiresAt === undefined ? undefined : session.claims.expiresAt - Date.now() / 1000;
    const cookie = sessionCookie(session.token, maxAge, secure);
    if (cookie.length > COOKIE_LIMIT)
      this.logger.warn(
        `the SSO session of ${ssoUsername(identity)} is ${cookie.length} bytes: browsers drop cookies over 4 KB — ask the identity provider for fewer groups`,
      );
    return {
      returnPath: login.returnPath,
      cookies: [cookie, clearedStateCookie(secure, callbackUrl.pathname)],
      username: ssoUsername(identity),
    };
  }

  /**
   * The CLI's exchange: a fresh id_token from the identity provider for a Driftless session. With
   * oidc.config enableUserInfoGroups the CLI's access token comes along, to ask the UserInfo endpoint.
   */
  async exchange(
    idToken: string,
    accessToken: string | undefined,
  ): Promise<{ session: IssuedSession; identity: SsoIdentity }> {
    const settings = await this.readySettings();
    const claims = await this.guard(() =>
      this.idp.verifyIdToken(settings, idToken, { maxAgeSeconds: EXCHANGE_MAX_AGE_SECONDS }),
    );
    // The CLI never goes through /auth/logout, so its id_token is not kept.
    return this.issue(settings, claims, 'cli', { accessToken });
  }

  private async issue(
    settings: SsoSettings,
    verifiedClaims: Record<string, unknown>,
    via: 'browser' | 'cli',
    tokens: { idToken?: string; accessToken: string | undefined },
  ): Promise<{ session: IssuedSession; identity: SsoIdentity }> {
    const userInfo = settings.oidc.userInfoGroups;
    let claims = verifiedClaims;
    if (userInfo !== undefined) {
      const { accessToken } = tokens;
      if (accessToken === undefined)
        throw new SsoLoginError(
          via === 'cli'
            ? 'oidc.config enableUserInfoGroups needs the access token too: send {"idToken": …, "accessToken": …} (a newer driftless CLI does)'
            : 'the OpenID provider returned no access token, which oidc.config enableUserInfoGroups needs',
          401,
        );
      const subject = typeof claims['sub'] === 'string' ? claims['sub'] : '';
      // As Argo CD: the UserInfo groups replace the id_token's.
      const groups = await this.guard(() => this.userInfoGroups.forLogin(settings, userInfo, subject, accessToken));
      claims = { ...claims, [settings.oidc.groupsClaim]: groups };
    }
    const rbacCm = await this.settings.data('argocd-rbac-cm').catch((): Record<string, string> => ({}));
    const mapped = ssoIdentityFromClaims(claims, {
      groupsClaim: settings.oidc.groupsClaim,
      scopes: rbacConfigFromData(rbacCm).scopes,
    });
    if (!mapped.ok) {
      this.logger.warn(`SSO login refused: ${mapped.problem}`);
      throw new SsoLoginError(`SSO login refused: ${mapped.problem}`, 401);
    }
    const session = await this.sessions.issueSso(mapped.identity, await this.accounts.sessionDurationMs());
    await this.keepProviderTokens(settings, session, mapped.identity, tokens);
    this.logger.log(
      `SSO login (${via}): ${ssoUsername(mapped.identity)} from ${mapped.identity.issuer}, ${mapped.identity.groups.length} group(s)`,
    );
    return { session, identity: mapped.identity };
  }

  /** Only what a feature in use needs: the id_token for a logoutURL with {{token}}, the access token for UserInfo groups. */
  private async keepProviderTokens(
    settings: SsoSettings,
    session: IssuedSession,
    identity: SsoIdentity,
    tokens: { idToken?: string; accessToken: string | undefined },
  ): Promise<void> {
    const { id, expiresAt } = session.claims;
    if (expiresAt === undefined) return;
    const keep: ProviderTokens = {};
    if (tokens.idToken !== undefined && logoutNeedsIdToken(settings.oidc.logoutURL)) keep.idToken = tokens.idToken;
    const userInfo = settings.oidc.userInfoGroups;
    if (userInfo !== undefined && tokens.accessToken !== undefined) keep.accessToken = tokens.accessToken;
    const serverKey = await this.serverKey();
    await this.providerTokens.saveTokens(serverKey, id, keep, expiresAt);
    if (userInfo !== undefined) await this.userInfoGroups.remember(serverKey, userInfo, id, identity.groups, expiresAt);
  }

  private async readySettings(): Promise<SsoSettings> {
    const current = await this.ssoSettings.current();
    if (current.kind === 'disabled') throw new SsoLoginError(current.reason, 404);
    if (current.kind === 'invalid') throw new SsoLoginError(`SSO is unavailable: ${current.problem}`, 503);
    return current.settings;
  }

  private discovered(settings: SsoSettings): ReturnType<IdpClient['discovered']> {
    return this.guard(() => this.idp.discovered(settings));
  }

  /** Maps the identity provider's failures to answers: unreachable → 502/503, refused → 401. */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof IdpUnavailableError) throw new SsoLoginError(error.message, 503);
      if (error instanceof IdTokenRefusedError || error instanceof UserInfoUnauthorizedError) {
        this.logger.warn(`SSO login refused: ${error.message}`);
        throw new SsoLoginError(error.message, 401);
      }
      throw error;
    }
  }

  /** Cookies get Secure over TLS, or when argocd-cm url is https (TLS ends at a proxy). */
  private secure(settings: SsoSettings, requestSecure: boolean): boolean {
    return requestSecure || settings.externalUrl?.startsWith('https:') === true;
  }

  private async serverKey(): Promise<Uint8Array> {
    const key = (await this.secret.values())[SERVER_SECRET_KEY];
    if (!key) throw new SsoLoginError(`argocd-secret has no ${SERVER_SECRET_KEY}`, 503);
    return new TextEncoder().encode(key);
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
