import { parseAppRef } from './app-ref';

describe('parseAppRef', () => {
  it('reads NAME in the default namespace and NAMESPACE/NAME anywhere', () => {
    expect(parseAppRef('guestbook', 'argocd')).toEqual({ namespace: 'argocd', name: 'guestbook' });
    expect(parseAppRef('team-a/guestbook', 'argocd')).toEqual({ namespace: 'team-a', name: 'guestbook' });
  });

  it.each(['', '/guestbook', 'team-a/', 'a/b/c'])('refuses %j as a usage error', (text) => {
    expect(() => parseAppRef(text, 'argocd')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
