import { SignJWT, errors } from 'jose';
import { VerifiedJwts } from './verified-jwts';

const key = new TextEncoder().encode('server-secret-key-for-tests');
const otherKey = new TextEncoder().encode('server-secret-key-rotated!!');
const now = Date.UTC(2026, 0, 1);
const seconds = now / 1000;

function token(claims: { iss?: string; nbf?: number; exp?: number }, signingKey = key): Promise<string> {
  const jwt = new SignJWT({ iat: seconds }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice:login');
  if (claims.iss !== undefined) jwt.setIssuer(claims.iss);
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(signingKey);
}

describe('VerifiedJwts', () => {
  const verifier = () => new VerifiedJwts({ algorithms: ['HS256'], issuer: 'argocd', requiredClaims: ['sub', 'iat'] });

  it('remembers an accepted token and still expires it at exp, with jose error', async () => {
    const jwts = verifier();
    const accepted = await token({ iss: 'argocd', nbf: seconds, exp: seconds + 60 });
    expect((await jwts.verify(accepted, key, now)).sub).toBe('alice:login');
    expect((await jwts.verify(accepted, key, now + 59_999)).sub).toBe('alice:login');
    expect(jwts.size).toBe(1);
    await expect(jwts.verify(accepted, key, now + 60_000)).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('checks nbf again on a remembered token', async () => {
    const jwts = verifier();
    const later = await token({ iss: 'argocd', nbf: seconds + 10 });
    await jwts.verify(later, key, now + 10_000);
    await expect(jwts.verify(later, key, now + 9_000)).rejects.toMatchObject({ claim: 'nbf' });
  });

  it('forgets what it accepted when the key changes', async () => {
    const jwts = verifier();
    const accepted = await token({ iss: 'argocd' });
    await jwts.verify(accepted, key, now);
    await expect(jwts.verify(accepted, otherKey, now)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
    expect(jwts.size).toBe(0);
  });

  it('remembers nothing it refused: wrong issuer, other key, altered payload', async () => {
    const jwts = verifier();
    await expect(jwts.verify(await token({ iss: 'someone-else' }), key, now)).rejects.toMatchObject({ claim: 'iss' });
    await expect(jwts.verify(await token({ iss: 'argocd' }, otherKey), key, now)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
    const [header, , signature] = (await token({ iss: 'argocd' })).split('.');
    const altered = Buffer.from(JSON.stringify({ sub: 'admin:login', iat: seconds, iss: 'argocd' })).toString(
      'base64url',
    );
    await expect(jwts.verify(`${header}.${altered}.${signature}`, key, now)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
    expect(jwts.size).toBe(0);
  });
});
