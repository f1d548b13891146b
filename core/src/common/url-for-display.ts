// A URL as it may appear in a message or a log line: without the credentials a
// user may have written into it (`https://user:token@host/…`, or a token as
// the user name). ssh keeps its user name (`git@`), which is not a secret.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

export function urlForDisplay(url: string): string {
  const match = USERINFO.exec(url);
  if (!match) return url;
  const [whole, scheme = '', userinfo = ''] = match;
  const keep = scheme.toLowerCase().startsWith('ssh') ? `${userinfo.split(':')[0] ?? ''}@` : '';
  return `${scheme}${keep}${url.slice(whole.length)}`;
}
