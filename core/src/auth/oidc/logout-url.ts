// Where the browser goes after logout (pure), as Argo CD's logout handler
// decides it: an SSO session with oidc.config `logoutURL` goes to that URL with
// `{{token}}` replaced by the provider's id_token (the id_token_hint) and
// `{{logoutRedirectURL}}` by Driftless's own URL; anything else goes back to
// Driftless's URL. Unlike Argo CD, the substituted values are URL-encoded, so
// a redirect URL with its own query survives as one query parameter.

export const TOKEN_PLACEHOLDER = '{{token}}';
export const REDIRECT_PLACEHOLDER = '{{logoutRedirectURL}}';

/** argocd-cm `url` without a trailing slash; without `url`, the root of this server. */
export function logoutRedirectUrl(externalUrl: string | undefined): string {
  const trimmed = (externalUrl ?? '').trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * `template` with its placeholders filled in; `idToken` undefined (a local
 * account, a session whose id_token was not kept) leaves `{{token}}` empty.
 */
export function providerLogoutUrl(template: string, idToken: string | undefined, redirectUrl: string): string {
  return template
    .split(TOKEN_PLACEHOLDER)
    .map((part) => part.split(REDIRECT_PLACEHOLDER).join(encodeURIComponent(redirectUrl)))
    .join(encodeURIComponent(idToken ?? ''));
}

/** Whether logout needs the id_token at all: only a template naming `{{token}}` does. */
export function logoutNeedsIdToken(template: string): boolean {
  return template.includes(TOKEN_PLACEHOLDER);
}

/** Where logout sends this session's browser. */
export function logoutLocation(options: {
  logoutURL: string | undefined;
  ssoSession: boolean;
  idToken: string | undefined;
  externalUrl: string | undefined;
}): string {
  const back = logoutRedirectUrl(options.externalUrl);
  const template = (options.logoutURL ?? '').trim();
  if (!options.ssoSession || template === '') return back;
  return providerLogoutUrl(template, options.idToken, back);
}
