import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type JWTPayload,
  type JWTVerifyGetKey,
  createRemoteJWKSet,
  customFetch as joseFetch,
  decodeJwt,
  errors,
  jwtVerify,
} from 'jose';
import * as client from 'openid-client';
import { type SsoSettings } from './oidc-config';
import { IDP_TIMEOUT_MS, type IdpHttp, describeIdpError, idpHttp, isTlsCertificateError } from './oidc-http';

/** Signature algorithms an id_token may use: asymmetric only (an HMAC would be keyed with the client secret). */
export const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Clock skew allowed between the identity provider and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** After a failed discovery, requests answer with that failure for this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/** How long a UserInfo request may take: it can sit in front of an API request (enableUserInfoGroups). */
export const USERINFO_TIMEOUT_MS = 5_000;
/** A UserInfo answer is a few kilobytes; a larger one is refused rather than read. */
const MAX_USERINFO_BYTES = 1024 * 1024;

/** The identity provider cannot be used (unreachable, TLS, bad discovery document). */
export class IdpUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdpUnavailableError';
  }
}

/** An id_token or authorization response was refused; the message says why (never the token). */
export class IdTokenRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdTokenRefusedError';
  }
}

/** The UserInfo endpoint refused the access token (401): the session needs a new login. */
export class UserInfoUnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInfoUnauthorizedError';
  }
}

/** What a redeemed authorization code gives: the verified id_token claims and the raw tokens (secrets: never logged). */
export interface RedeemedCode {
  claims: JWTPayload;
  idToken: string;
  accessToken: string | undefined;
}

interface Discovered {
  config: client.Configuration;
  jwks: JWTVerifyGetKey;
  http: IdpHttp;
}

interface CacheEntry {
  fingerprint: string;
  discovered: Promise<Discovered>;
  failedAt?: number;
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

/**
 * The OpenID provider as this server's client sees it, with openid-client
 * and jose: discovery (cached while the settings stay the same), the
 * authorization URL, the code exchange with PKCE, state and nonce checks, and
 * id_token verification against the provider's JWKS (signature, iss, aud,
 * exp, nonce). Failures to reach the provider are logged once per distinct
 * reason.
 */
@Injectable()
export class IdpClient implements OnModuleDestroy {
  private readonly logger = new Logger('sso');
  private entry: CacheEntry | undefined;
  private lastFailure: string | undefined;

  onModuleDestroy(): void {
    const entry = this.entry;
    this.entry = undefined;
    // Not awaited: a discovery still in flight (up to its timeout) must not hold the shutdown.
    if (entry) void entry.discovered.then((d) => d.http.close()).catch(() => undefined);
  }

  /** Discovery for these settings (cached); throws IdpUnavailableError with one readable line. */
  async discovered(settings: SsoSettings): Promise<Discovered> {
    const fingerprint = fingerprintOf(settings);
    const cached = this.entry;
    if (
      cached?.fingerprint === fingerprint &&
      (cached.failedAt === undefined || Date.now() - cached.failedAt < RETRY_AFTER_FAILURE_MS)
    )
      return cached.discovered;
    if (cached !== undefined) void cached.discovered.then((d) => d.http.close()).catch(() => undefined);
    const entry: CacheEntry = { fingerprint, discovered: this.discover(settings) };
    this.entry = entry;
    entry.discovered.then(
      () => {
        if (this.lastFailure !== undefined)
          this.logger.log(`SSO: OpenID provider ${settings.oidc.issuer} reachable again`);
        this.lastFailure = undefined;
      },
      (error: unknown) => {
        entry.failedAt = Date.now();
        const message = (error as Error).message;
        if (message !== this.lastFailure) this.logger.error(`${message}; local login still works`);
        this.lastFailure = message;
      },
    );
    return entry.discovered;
  }

  authorizationUrl(discovered: Discovered, settings: SsoSettings, request: AuthorizationRequest): URL {
    const parameters: Record<string, string> = {
      redirect_uri: request.redirectUri,
      scope: settings.oidc.requestedScopes.join(' '),
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    };
    if (settings.oidc.requestedIDTokenClaims !== undefined)
      parameters['claims'] = JSON.stringify({ id_token: settings.oidc.requestedIDTokenClaims });
    if (settings.oidc.domainHint !== '') parameters['domain_hint'] = settings.oidc.domainHint;
    return client.buildAuthorizationUrl(discovered.config, parameters);
  }

  /**
   * The authorization code grant for a callback URL (as the provider redirected to it): checks the
   * state and `iss`, redeems the code with the PKCE verifier, checks the id_token's nonce, then
   * verifies the id_token against the JWKS. Returns its verified claims.
   */
  async redeemCode(
    settings: SsoSettings,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<RedeemedCode> {
    const discovered = await this.discovered(settings);
    let idToken: string | undefined;
    let accessToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(discovered.config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
      accessToken = tokens.access_token === '' ? undefined : tokens.access_token;
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError)
        throw new IdTokenRefusedError(`the OpenID provider refused the login: ${describeIdpError(error)}`);
      if (isNetworkError(error))
        throw new IdpUnavailableError(`cannot redeem the code at ${settings.oidc.issuer}: ${describeIdpError(error)}`);
      throw new IdTokenRefusedError(`the login could not be completed: ${describeIdpError(error)}`);
    }
    if (idToken === undefined) throw new IdTokenRefusedError('the OpenID provider returned no id_token');
    const claims = await this.verifyIdToken(settings, idToken, { nonce: checks.nonce });
    return { claims, idToken, accessToken };
  }

  /**
   * The claims of the UserInfo endpoint for an access token (`endpoint`: oidc.config issuer +
   * userInfoPath). A JSON answer is taken as it is (TLS vouches for it, as in Argo CD); an
   * `application/jwt` answer is verified like an id_token (signature, iss, aud). 401 →
   * UserInfoUnauthorizedError; unreachable, slow (USERINFO_TIMEOUT_MS) or another status →
   * IdpUnavailableError; an unreadable answer → IdTokenRefusedError. Messages never hold the token.
   */
  async userInfo(settings: SsoSettings, endpoint: string, accessToken: string): Promise<Record<string, unknown>> {
    const discovered = await this.discovered(settings);
    let response: Response;
    let body: string;
    try {
      response = await discovered.http.fetch(endpoint, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json, application/jwt' },
        signal: AbortSignal.timeout(USERINFO_TIMEOUT_MS),
      });
      if (response.status === 401)
        throw new UserInfoUnauthorizedError(`the UserInfo endpoint ${endpoint} no longer accepts the access token`);
      if (response.status !== 200)
        throw new IdpUnavailableError(`the UserInfo endpoint ${endpoint} answered HTTP ${response.status}`);
      if (Number(response.headers.get('content-length') ?? 0) > MAX_USERINFO_BYTES)
        throw new IdTokenRefusedError(`the UserInfo endpoint ${endpoint} answered more than 1 MiB`);
      body = await response.text();
    } catch (error) {
      if (error instanceof UserInfoUnauthorizedError || error instanceof IdpUnavailableError) throw error;
      if (error instanceof IdTokenRefusedError) throw error;
      throw new IdpUnavailableError(`cannot ask the UserInfo endpoint ${endpoint}: ${describeIdpError(error)}`);
    }
    if (body.length > MAX_USERINFO_BYTES)
      throw new IdTokenRefusedError(`the UserInfo endpoint ${endpoint} answered more than 1 MiB`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/jwt') return this.verifiedUserInfoJwt(settings, discovered, endpoint, body.trim());
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new IdTokenRefusedError(`the UserInfo endpoint ${endpoint} answered something that is not JSON`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new IdTokenRefusedError(`the UserInfo endpoint ${endpoint} answered JSON that is not an object`);
    return parsed as Record<string, unknown>;
  }

  private async verifiedUserInfoJwt(
    settings: SsoSettings,
    discovered: Discovered,
    endpoint: string,
    jwt: string,
  ): Promise<Record<string, unknown>> {
    let audience: unknown;
    try {
      audience = decodeJwt(jwt).aud;
    } catch {
      throw new IdTokenRefusedError(`the UserInfo endpoint ${endpoint} answered a malformed JWT`);
    }
    try {
      const { payload } = await jwtVerify(jwt, discovered.jwks, {
        algorithms: ID_TOKEN_ALGORITHMS,
        issuer: discovered.config.serverMetadata().issuer,
        ...(audience !== undefined ? { audience: settings.oidc.allowedAudiences } : {}),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      if (isNetworkError(error) || error instanceof errors.JWKSTimeout)
        throw new IdpUnavailableError(`cannot read the JWKS of ${settings.oidc.issuer}: ${describeIdpError(error)}`);
      throw new IdTokenRefusedError(`the UserInfo answer was refused: ${describeVerifyError(error)}`);
    }
  }

  /**
   * Verifies an id_token against the provider's JWKS: signature (asymmetric algorithms only),
   * `iss`, `aud` among the allowed audiences (Argo CD's rules, including
   * skipAudienceCheckWhenTokenHasNoAudience), `exp`/`nbf`, the nonce when one is expected, and at
   * most `maxAgeSeconds` since `iat` when given.
   */
  async verifyIdToken(
    settings: SsoSettings,
    idToken: string,
    options: { nonce?: string; maxAgeSeconds?: number } = {},
  ): Promise<JWTPayload> {
    const discovered = await this.discovered(settings);
    let unverifiedAudience: unknown;
    try {
      unverifiedAudience = decodeJwt(idToken).aud;
    } catch {
      throw new IdTokenRefusedError('the id_token is not a JWT');
    }
    const hasAudience =
      unverifiedAudience !== undefined && !(Array.isArray(unverifiedAudience) && unverifiedAudience.length === 0);
    if (!hasAudience && !settings.oidc.skipAudienceCheckWhenTokenHasNoAudience)
      throw new IdTokenRefusedError('the id_token has no audience (aud)');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, discovered.jwks, {
        algorithms: ID_TOKEN_ALGORITHMS,
        issuer: discovered.config.serverMetadata().issuer,
        ...(hasAudience ? { audience: settings.oidc.allowedAudiences } : {}),
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(options.maxAgeSeconds !== undefined ? { maxTokenAge: options.maxAgeSeconds } : {}),
      }));
    } catch (error) {
      if (isNetworkError(error) || error instanceof errors.JWKSTimeout)
        throw new IdpUnavailableError(`cannot read the JWKS of ${settings.oidc.issuer}: ${describeIdpError(error)}`);
      throw new IdTokenRefusedError(`the id_token was refused: ${describeVerifyError(error)}`);
    }
    if (options.nonce !== undefined && payload['nonce'] !== options.nonce)
      throw new IdTokenRefusedError('the id_token was refused: its nonce does not match this login');
    return payload;
  }

  private async discover(settings: SsoSettings): Promise<Discovered> {
    const { oidc } = settings;
    const issuer = new URL(oidc.issuer);
    const http = idpHttp({ rootCA: oidc.rootCA, insecureSkipVerify: settings.insecureSkipVerify });
    const plainHttp = issuer.protocol === 'http:';
    const fetchOption = { [client.customFetch]: http.fetch as unknown as client.CustomFetch };
    let found: client.Configuration;
    try {
      found = await client.discovery(issuer, oidc.clientID, undefined, client.None(), {
        ...fetchOption,
        timeout: IDP_TIMEOUT_MS / 1000,
        ...(plainHttp ? { execute: [client.allowInsecureRequests] } : {}),
      });
    } catch (error) {
      await http.close().catch(() => undefined);
      const tls = isTlsCertificateError(error) ? ' (TLS: is the CA in oidc.config rootCA?)' : '';
      throw new IdpUnavailableError(
        `SSO is unavailable: OpenID provider ${oidc.issuer} cannot be discovered: ${describeIdpError(error)}${tls}`,
      );
    }
    const metadata = found.serverMetadata();
    if (metadata.jwks_uri === undefined) {
      await http.close().catch(() => undefined);
      throw new IdpUnavailableError(`SSO is unavailable: OpenID provider ${oidc.issuer} publishes no jwks_uri`);
    }
    const config = new client.Configuration(
      metadata,
      oidc.clientID,
      oidc.clientSecret === '' ? {} : { client_secret: oidc.clientSecret },
      clientAuthentication(oidc.clientSecret, metadata.token_endpoint_auth_methods_supported),
    );
    config[client.customFetch] = http.fetch as unknown as client.CustomFetch;
    config.timeout = IDP_TIMEOUT_MS / 1000;
    if (plainHttp) client.allowInsecureRequests(config);
    const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      [joseFetch]: http.fetch,
      timeoutDuration: IDP_TIMEOUT_MS,
    });
    return { config, jwks, http };
  }
}

/** As Go's oauth2 auto-detection: HTTP Basic unless the provider only lists client_secret_post. */
function clientAuthentication(secret: string, supported: readonly string[] | undefined): client.ClientAuth {
  if (secret === '') return client.None();
  if (supported !== undefined && !supported.includes('client_secret_basic') && supported.includes('client_secret_post'))
    return client.ClientSecretPost(secret);
  return client.ClientSecretBasic(secret);
}

function fingerprintOf(settings: SsoSettings): string {
  const { oidc } = settings;
  return createHash('sha256')
    .update(
      JSON.stringify([oidc.issuer, oidc.clientID, oidc.clientSecret, oidc.rootCA ?? '', settings.insecureSkipVerify]),
    )
    .digest('base64url');
}

function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { name, message, code } = current as { name?: unknown; message?: unknown; code?: unknown };
    if (message === 'fetch failed' || name === 'AbortError' || name === 'TimeoutError') return true;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_.*)$/.test(code) && code !== 'ERR_JWKS_NO_MATCHING_KEY')
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return isTlsCertificateError(error);
}

function describeVerifyError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'its audience is not allowed (oidc.config allowedAudiences)';
    if (error.claim === 'iss') return 'it was issued by another issuer';
    if (error.claim === 'iat') return 'it is too old';
    return `invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the provider matches its signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its signature algorithm is not allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'it is malformed';
  return describeIdpError(error);
}
