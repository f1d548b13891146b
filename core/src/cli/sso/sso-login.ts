// `driftless login SERVER --sso`, following Argo CD's CLI: the CLI runs the
// authorization code flow with PKCE (S256) against the identity provider
// itself, as the public client `cliClientID` (else `clientID`), with a random
// state and nonce, catching the redirect on http://localhost:<--sso-port>/auth/callback.
// It then hands the verified id_token to the server (POST /auth/sso/token),
// which verifies it again against the provider's JWKS and issues a Driftless
// session — the CLI stores that session, not the id_token (Argo CD stores the
// id_token itself, because its server accepts id_tokens as bearer tokens).
//
// The identity provider's certificate is checked against the system CAs
// (plus NODE_EXTRA_CA_CERTS); --insecure concerns the Driftless server only.
import * as client from 'openid-client';
import { CliError, ExitCode } from '../exit-codes';
import { type CallbackOutcome, startCallbackServer } from './callback-server';
import { openBrowser } from './open-browser';
import { type ExchangedSession, exchangeIdToken, fetchSsoSettings } from './server-sso-api';

/** How long the CLI waits for the browser to come back. */
export const SSO_CALLBACK_TIMEOUT_MS = 5 * 60_000;

export interface SsoLoginOptions {
  server: string;
  insecure: boolean;
  port: number;
  launchBrowser: boolean;
  /** Where the CLI talks to the user (stderr). */
  say: (line: string) => void;
  timeoutMs?: number;
  /** Opens the browser; replaceable in tests. */
  open?: (url: string) => Promise<boolean>;
}

export async function ssoLogin(options: SsoLoginOptions): Promise<ExchangedSession> {
  const settings = await fetchSsoSettings(options.server, options.insecure);
  const clientId = settings.cliClientID !== '' ? settings.cliClientID : settings.clientID;
  const issuer = parseIssuer(settings.issuer);
  let config: client.Configuration;
  try {
    config = await client.discovery(issuer, clientId, undefined, client.None(), {
      timeout: 30,
      ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new CliError(`cannot reach the OpenID provider ${settings.issuer}: ${describe(error)}`, ExitCode.unreachable);
  }

  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  let idToken: string | undefined;
  // Sent along for servers whose oidc.config has enableUserInfoGroups: they read the groups from UserInfo.
  let accessToken: string | undefined;

  const handle = async (callbackUrl: URL): Promise<CallbackOutcome> => {
    const providerError = callbackUrl.searchParams.get('error');
    if (providerError !== null) {
      const description = callbackUrl.searchParams.get('error_description');
      return { ok: false, message: `${providerError}${description ? `: ${description}` : ''}` };
    }
    if (callbackUrl.searchParams.get('state') !== state) return { ok: false, message: 'unknown state' };
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
      accessToken = tokens.access_token;
    } catch (error) {
      return { ok: false, message: `the code could not be redeemed: ${describe(error)}` };
    }
    if (idToken === undefined) return { ok: false, message: 'no id_token in the token response' };
    return { ok: true, message: 'ok' };
  };

  const callback = await startCallbackServer(options.port, handle, options.timeoutMs ?? SSO_CALLBACK_TIMEOUT_MS);
  try {
    const parameters: Record<string, string> = {
      redirect_uri: callback.redirectUri,
      scope: settings.scopes.includes('openid') ? settings.scopes.join(' ') : ['openid', ...settings.scopes].join(' '),
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    if (settings.idTokenClaims !== null) parameters['claims'] = JSON.stringify({ id_token: settings.idTokenClaims });
    const url = client.buildAuthorizationUrl(config, parameters).href;
    options.say(`Performing authorization_code flow login: ${url}`);
    const opened = options.launchBrowser && (await (options.open ?? openBrowser)(url));
    options.say(
      opened
        ? 'Opening system default browser for authentication'
        : `To authenticate, copy-and-paste the following URL into your preferred browser: ${url}`,
    );
    await callback.done;
  } finally {
    await callback.close();
  }
  if (idToken === undefined) throw new CliError('SSO login failed: no id_token', ExitCode.failed);
  options.say('Authentication successful');
  return exchangeIdToken(options.server, options.insecure, idToken, accessToken);
}

function parseIssuer(issuer: string): URL {
  try {
    return new URL(issuer);
  } catch {
    throw new CliError(`the server's SSO issuer ${JSON.stringify(issuer)} is not a URL`, ExitCode.failed);
  }
}

/** The messages of an error and its causes, on one line. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { message, code, error: oauthError, error_description: description } = current as Record<string, unknown>;
    let text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
    if (typeof code === 'string' && !text.includes(code) && !code.startsWith('OAUTH_')) text = `${code} ${text}`;
    if (typeof oauthError === 'string')
      text = `${text} (${oauthError}${typeof description === 'string' ? `: ${description}` : ''})`;
    if (text !== '' && text !== 'fetch failed' && !parts.includes(text)) parts.push(text);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length === 0 ? String(error) : parts.join(': ');
}
