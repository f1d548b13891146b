import { MAX_RETURN_URL_LENGTH, safeReturnPath } from './return-url';

const external = 'https://cd.example.com';
/** `url` null: argocd-cm has no url. */
const path = (raw: string | undefined, url: string | null = external) => {
  const result = safeReturnPath(raw, url ?? undefined);
  return result.ok ? result.path : `refused: ${result.reason}`;
};

describe('return_url', () => {
  it('defaults to / and keeps paths on this server, query and fragment included', () => {
    expect(path(undefined)).toBe('/');
    expect(path('')).toBe('/');
    expect(path('/applications')).toBe('/applications');
    expect(path('/applications/argocd/guestbook?view=tree&resource=#events')).toBe(
      '/applications/argocd/guestbook?view=tree&resource=#events',
    );
    expect(path('/a/../b/./c')).toBe('/b/c');
    expect(path('/applications', null)).toBe('/applications');
  });

  it('turns an absolute URL on argocd-cm url (and under its path) into a path', () => {
    expect(path('https://cd.example.com/applications?x=1')).toBe('/applications?x=1');
    expect(path('https://cd.example.com')).toBe('/');
    expect(path('https://cd.example.com/argocd/apps', 'https://cd.example.com/argocd')).toBe('/argocd/apps');
    expect(path('https://cd.example.com/other', 'https://cd.example.com/argocd')).toMatch(/^refused/);
    expect(path('https://cd.example.com/argocdx', 'https://cd.example.com/argocd')).toMatch(/^refused/);
  });

  it.each([
    ['another origin', 'https://evil.example.com/'],
    ['another port', 'https://cd.example.com:8443/'],
    ['another scheme', 'http://cd.example.com/'],
    ['credentials', 'https://user@cd.example.com/'],
    ['protocol-relative', '//evil.example.com/'],
    ['backslash', '/\\evil.example.com'],
    ['backslash inside', '/ok\\..\\..\\evil'],
    ['tab that browsers drop', '/\t/evil.example.com'],
    ['newline', '/\n/evil.example.com'],
    ['space', '/ /evil'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['relative without slash', 'applications'],
    ['dot segments to //', '/.//evil.example.com'],
    ['too long', `/${'a'.repeat(MAX_RETURN_URL_LENGTH)}`],
  ])('refuses %s', (_name, raw) => {
    expect(path(raw)).toMatch(/^refused: /);
  });

  it('refuses absolute URLs when argocd-cm url is not set', () => {
    expect(path('https://cd.example.com/', null)).toBe(
      'refused: return_url must be a path on this server, such as /applications',
    );
  });
});
