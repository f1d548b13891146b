import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { type SessionClaims, signSessionToken, verifySessionToken } from './session-token';

const key = new TextEncoder().encode('server-secret-key-for-tests');
const now = Date.UTC(2026, 0, 1);
const claims: SessionClaims = {
  account: 'alice',
  capability: 'login',
  id: 'id-1',
  issuedAt: now / 1000,
  expiresAt: now / 1000 + 3600,
};

describe('session tokens', () => {
  it('round-trips Argo CD claims: iss argocd, sub account:capability, jti, iat, nbf, exp', async () => {
    const token = await signSessionToken(key, { ...claims, issuedAt: now / 1000 + 0.25 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toEqual({
      iss: 'argocd',
      sub: 'alice:login',
      jti: 'id-1',
      iat: now / 1000 + 0.25,
      nbf: now / 1000,
      exp: now / 1000 + 3600,
    });
    expect(await verifySessionToken(key, token, now + 1000)).toEqual({
      valid: true,
      claims: { ...claims, issuedAt: now / 1000 + 0.25 },
    });
  });

  it('reads a bare subject or :apiKey as an API key, and keeps tokens without exp', async () => {
    const token = await signSessionToken(key, { ...claims, capability: 'apiKey', expiresAt: undefined });
    const result = await verifySessionToken(key, token, now + 10 * 365 * 86_400_000);
    expect(result).toEqual({ valid: true, claims: { ...claims, capability: 'apiKey', expiresAt: undefined } });
  });

  // security.md BI-AUTH-1: each is refused, and no claims come back with the refusal.
  it.each<[string, () => Promise<string>, string]>([
    [
      'alg none',
      () =>
        Promise.resolve(
          new UnsecuredJWT({ sub: 'admin:login', jti: 'x', iat: now / 1000 }).setIssuer('argocd').encode(),
        ),
      'algorithm not allowed',
    ],
    [
      'another algorithm (RS256 with a key of its own)',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({ sub: 'admin:login', jti: 'x', iat: now / 1000 })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer('argocd')
          .sign(privateKey);
      },
      'algorithm not allowed',
    ],
    ['a bad signature', async () => signSessionToken(new TextEncoder().encode('another key'), claims), 'bad signature'],
    ['an expired token', async () => signSessionToken(key, { ...claims, expiresAt: now / 1000 - 1 }), 'token expired'],
    [
      'nbf in the future',
      async () =>
        new SignJWT({ sub: 'admin:login', jti: 'x', iat: now / 1000 })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('argocd')
          .setNotBefore(now / 1000 + 600)
          .sign(key),
      'invalid claim nbf',
    ],
    [
      'another issuer',
      async () =>
        new SignJWT({ sub: 'admin:login', jti: 'x', iat: now / 1000 })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('evil')
          .sign(key),
      'invalid claim iss',
    ],
    [
      'no jti',
      async () =>
        new SignJWT({ sub: 'admin:login', iat: now / 1000 })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('argocd')
          .sign(key),
      'invalid claim jti',
    ],
    ['garbage', () => Promise.resolve('not.a.jwt'), 'malformed token'],
  ])('refuses %s', async (_name, make, reason) => {
    expect(await verifySessionToken(key, await make(), now)).toEqual({ valid: false, reason });
  });
});
