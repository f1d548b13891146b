// HTTP to the identity provider with Argo CD's TLS rules for it
// (settings.OIDCTLSConfig): oidc.config `rootCA` replaces the system roots,
// argocd-cm `oidc.tls.insecure.skip.verify: "true"` turns verification off;
// otherwise the issuer's certificate is verified against the system roots.
// The same fetch serves openid-client (discovery, token endpoint) and jose
// (the JWKS).
import { Agent, fetch as undiciFetch } from 'undici';

export interface IdpTls {
  rootCA: string | undefined;
  insecureSkipVerify: boolean;
}

/** The `fetch` openid-client and jose accept as their custom fetch. */
export type IdpFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface IdpHttp {
  fetch: IdpFetch;
  close(): Promise<void>;
}

/** Identity providers answer discovery, JWKS and token requests quickly; a stuck one must not hold a login. */
export const IDP_TIMEOUT_MS = 10_000;

export function idpHttp(tls: IdpTls): IdpHttp {
  const agent = new Agent({
    connect: {
      ...(tls.rootCA !== undefined ? { ca: tls.rootCA } : {}),
      rejectUnauthorized: !tls.insecureSkipVerify,
      timeout: IDP_TIMEOUT_MS,
    },
    headersTimeout: IDP_TIMEOUT_MS,
    bodyTimeout: IDP_TIMEOUT_MS,
  });
  return {
    fetch: (url, init) =>
      undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: agent,
      }),
    close: () => agent.close(),
  };
}

/**
 * One line for a failure to reach or talk to the identity provider: the
 * messages of the error and its causes (openid-client and fetch nest them),
 * with TLS codes spelled out.
 */
export function describeIdpError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (typeof current !== 'object') {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
    const {
      message,
      code,
      cause,
      error: oauthError,
      error_description: description,
    } = current as {
      message?: unknown;
      code?: unknown;
      cause?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    // Node adds a hint about --use-system-ca to certificate errors; for the provider, rootCA is the answer.
    let text =
      typeof message === 'string' ? (message.split('\n')[0] ?? '').replace(/; if the root CA is installed.*$/, '') : '';
    // OAuth error responses (token endpoint, authorization response) carry `error` and `error_description`.
    if (typeof oauthError === 'string')
      text = `${text} (${oauthError}${typeof description === 'string' ? `: ${description}` : ''})`;
    const label = typeof code === 'string' && !text.includes(code) && !/^OAUTH_/.test(code) ? `${code} ${text}` : text;
    if (label !== '' && !parts.some((part) => part.includes(label))) parts.push(label);
    current = cause;
  }
  const joined = parts.filter((part) => part !== 'fetch failed' || parts.length === 1).join(': ');
  return joined === '' ? 'unknown error' : joined;
}

/** Whether an error chain is a TLS certificate problem (to say "TLS" in the log line). */
export function isTlsCertificateError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/.test(code)
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
