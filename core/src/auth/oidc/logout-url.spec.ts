import { logoutLocation, logoutNeedsIdToken, logoutRedirectUrl, providerLogoutUrl } from './logout-url';

const TEMPLATE =
  'https://idp.example.com/logout?id_token_hint={{token}}&post_logout_redirect_uri={{logoutRedirectURL}}';

describe('logout URL', () => {
  it('fills in the id_token and the redirect URL, URL-encoded, everywhere they appear', () => {
    expect(providerLogoutUrl(TEMPLATE, 'aaa.bbb.ccc', 'https://cd.example.com/base?x=1&y=2')).toBe(
      'https://idp.example.com/logout?id_token_hint=aaa.bbb.ccc&post_logout_redirect_uri=https%3A%2F%2Fcd.example.com%2Fbase%3Fx%3D1%26y%3D2',
    );
    expect(providerLogoutUrl('https://idp/{{token}}/{{token}}?r={{logoutRedirectURL}}', 'a+b/c=', '/')).toBe(
      'https://idp/a%2Bb%2Fc%3D/a%2Bb%2Fc%3D?r=%2F',
    );
    // A value that looks like a placeholder is not expanded again.
    expect(providerLogoutUrl('x={{token}}', '{{logoutRedirectURL}}', 'https://cd')).toBe(
      'x=%7B%7BlogoutRedirectURL%7D%7D',
    );
  });

  it('leaves {{token}} empty without an id_token, and a template without placeholders as it is', () => {
    expect(providerLogoutUrl(TEMPLATE, undefined, 'https://cd')).toBe(
      'https://idp.example.com/logout?id_token_hint=&post_logout_redirect_uri=https%3A%2F%2Fcd',
    );
    expect(providerLogoutUrl('https://idp.example.com/logout', 'aaa', 'https://cd')).toBe(
      'https://idp.example.com/logout',
    );
    expect(logoutNeedsIdToken(TEMPLATE)).toBe(true);
    expect(logoutNeedsIdToken('https://idp/logout?r={{logoutRedirectURL}}')).toBe(false);
  });

  it('sends local sessions, and SSO sessions without logoutURL, back to argocd-cm url (else /)', () => {
    expect(logoutRedirectUrl('https://cd.example.com/')).toBe('https://cd.example.com');
    expect(logoutRedirectUrl(undefined)).toBe('/');
    const base = { idToken: 'aaa', externalUrl: 'https://cd.example.com' };
    expect(logoutLocation({ ...base, logoutURL: TEMPLATE, ssoSession: false })).toBe('https://cd.example.com');
    expect(logoutLocation({ ...base, logoutURL: ' ', ssoSession: true })).toBe('https://cd.example.com');
    expect(logoutLocation({ ...base, logoutURL: undefined, ssoSession: true })).toBe('https://cd.example.com');
    expect(logoutLocation({ ...base, logoutURL: TEMPLATE, ssoSession: true })).toBe(
      'https://idp.example.com/logout?id_token_hint=aaa&post_logout_redirect_uri=https%3A%2F%2Fcd.example.com',
    );
  });
});
