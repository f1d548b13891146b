import { SignJWT, decodeJwt } from 'jose';
import { signSessionToken, verifySessionToken } from '../session/session-token';
import { openLoginState, sealLoginState, stateCookie } from './login-state';
import { type SsoIdentity } from './sso-identity';
import { isSsoSessionToken, signSsoSession, ssoSessionKey, verifySsoSession } from './sso-session-token';

const key = new TextEncoder().encode('server-secret-key-of-the-test');
const identity: SsoIdentity = {
  issuer: 'https://idp.example.com',
  subject: 'admin',
  email: 'a@example.com',
  name: undefined,
  groups: ['team-a'],
  federatedUserId: undefined,
  scopeClaims: { teams: ['x'] },
};
const now = 1_700_000_000;
const claims = { identity, id: 'jti-1', issuedAt: now, expiresAt: now + 3_600 };

describe('SSO session tokens', () => {
  it('round-trips the identity in an HS256 JWT with audience driftless:sso', async () => {
    const token = await signSsoSession(key, claims);
    expect(decodeJwt(token)).toMatchObject({ iss: 'argocd', aud: 'driftless:sso', sub: 'admin', jti: 'jti-1' });
    expect(isSsoSessionToken(token)).toBe(true);
    expect(await verifySsoSession(key, token, now * 1000)).toEqual({ valid: true, claims });
  });

  it('never verifies as a local-account session, nor a local session as SSO (separate keys)', async () => {
    const sso = await signSsoSession(key, { ...claims, identity: { ...identity, subject: 'admin:login' } });
    expect(await verifySessionToken(key, sso, now * 1000)).toEqual({ valid: false, reason: 'bad signature' });
    const local = await signSessionToken(key, {
      account: 'admin',
      capability: 'login',
      id: 'x',
      issuedAt: now,
      expiresAt: now + 60,
    });
    expect(isSsoSessionToken(local)).toBe(false);
    expect(await verifySsoSession(key, local, now * 1000)).toMatchObject({ valid: false });
    // Even with the SSO audience, a token signed with the plain server key is refused.
    const forged = await new SignJWT({ iat: now, sso: { iss: identity.issuer, groups: ['admins'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('argocd')
      .setAudience('driftless:sso')
      .setSubject('admin')
      .setExpirationTime(now + 60)
      .setJti('j')
      .sign(key);
    expect(isSsoSessionToken(forged)).toBe(true);
    expect(await verifySsoSession(key, forged, now * 1000)).toEqual({ valid: false, reason: 'bad signature' });
  });

  it('refuses expired tokens and a malformed sso claim', async () => {
    const token = await signSsoSession(key, claims);
    expect(await verifySsoSession(key, token, (now + 3_601) * 1000)).toEqual({ valid: false, reason: 'token expired' });
    const malformed = await new SignJWT({ iat: now, sso: { iss: identity.issuer, groups: 'not-a-list' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('argocd')
      .setAudience('driftless:sso')
      .setSubject('s')
      .setExpirationTime(now + 60)
      .setJti('j')
      .sign(ssoSessionKey(key));
    expect(await verifySsoSession(key, malformed, now * 1000)).toEqual({ valid: false, reason: 'malformed sso claim' });
  });
});

describe('login state cookie', () => {
  const state = {
    state: 's'.repeat(43),
    nonce: 'n'.repeat(43),
    codeVerifier: 'v'.repeat(43),
    returnPath: '/applications',
    redirectUri: 'https://cd.example.com/auth/callback',
  };

  it('is encrypted (nothing readable), authenticated and expires after five minutes', async () => {
    const sealed = await sealLoginState(key, state, now * 1000);
    for (const secret of [state.state, state.nonce, state.codeVerifier, 'applications'])
      expect(sealed).not.toContain(secret);
    expect(await openLoginState(key, sealed, now * 1000)).toEqual(state);
    expect(await openLoginState(key, sealed, (now + 301) * 1000)).toBeUndefined();
    expect(await openLoginState(new TextEncoder().encode('another key'), sealed, now * 1000)).toBeUndefined();
    const parts = sealed.split('.');
    parts[3] = `${parts[3]?.slice(0, -2)}AA`;
    expect(await openLoginState(key, parts.join('.'), now * 1000)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Lax (the provider redirects back across sites) and scoped to the callback', () => {
    expect(stateCookie('v', false)).toBe(
      'argocd.oauthstate=v; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=300',
    );
    expect(stateCookie('v', true, '/cd/auth/callback')).toBe(
      'argocd.oauthstate=v; Path=/cd/auth/callback; HttpOnly; SameSite=Lax; Max-Age=300; Secure',
    );
  });
});
