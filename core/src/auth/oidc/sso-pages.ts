// The few HTML answers of the SSO endpoints (pure). Every text is escaped;
// the pages carry no script and a CSP that allows none.

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The callback URL carries the authorization code: no Referer with it.
  'Referrer-Policy': 'no-referrer',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * After the callback: the session cookie is SameSite=Strict, and a browser
 * does not send Strict cookies on a redirect chain that began at the identity
 * provider; a page of our own that moves on (meta refresh) makes the next
 * request same-site, so the cookie goes with it.
 */
export function continuePage(returnPath: string): string {
  const target = escapeHtml(returnPath);
  return page(
    'Logged in',
    `<meta http-equiv="refresh" content="0;url=${target}">`,
    `<p>Logged in. <a href="${target}">Continue</a></p>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'Login failed',
    '',
    `<p>SSO login failed: ${escapeHtml(message)}</p><p><a href="/">Back</a> (local login still works)</p>`,
  );
}

export function logoutFailedPage(message: string): string {
  return page('Logout failed', '', `<p>Logout failed: ${escapeHtml(message)}</p>`);
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head><body>${body}</body></html>\n`;
}
