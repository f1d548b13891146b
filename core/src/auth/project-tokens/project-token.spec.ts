import { SignJWT, decodeJwt } from 'jose';
import {
  recordedToken,
  signProjectToken,
  tokenRecord,
  verifyProjectToken,
  type ProjectTokenClaims,
} from './project-token';

const key = new TextEncoder().encode('server-secret-key');
const claims: ProjectTokenClaims = {
  project: 'team',
  role: 'ci',
  id: 'ci-1',
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
};
const at = (seconds: number) => seconds * 1000;

describe('project role tokens', () => {
  it("carry Argo CD's claims: iss argocd, sub proj:<project>:<role>, iat, nbf, jti, exp", async () => {
    const token = await signProjectToken(key, claims);
    expect(decodeJwt(token)).toEqual({
      iss: 'argocd',
      sub: 'proj:team:ci',
      iat: 1_700_000_000,
      nbf: 1_700_000_000,
      jti: 'ci-1',
      exp: 1_700_003_600,
    });
    expect(await verifyProjectToken(key, token, at(1_700_000_001))).toEqual({ valid: true, claims });
  });

  it('never expire without exp, and are recorded as iat/exp/id in their role', async () => {
    const forever = { ...claims, expiresAt: undefined };
    const token = await signProjectToken(key, forever);
    expect(decodeJwt(token).exp).toBeUndefined();
    expect(await verifyProjectToken(key, token, at(2_000_000_000))).toEqual({ valid: true, claims: forever });
    expect(tokenRecord(claims)).toEqual({ iat: 1_700_000_000, exp: 1_700_003_600, id: 'ci-1' });
    expect(tokenRecord(forever)).toEqual({ iat: 1_700_000_000, id: 'ci-1' });
  });

  it('refuse expired tokens with a reason, and leave other tokens to the session verifier', async () => {
    const token = await signProjectToken(key, claims);
    expect(await verifyProjectToken(key, token, at(1_700_003_601))).toEqual({ valid: false, reason: 'token expired' });
    expect(await verifyProjectToken(new TextEncoder().encode('other-key'), token)).toBeUndefined();
    const session = await new SignJWT({ iat: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('argocd')
      .setSubject('admin:login')
      .setJti('x')
      .sign(key);
    expect(await verifyProjectToken(key, session)).toBeUndefined();
    const unsigned = `${token.split('.').slice(0, 2).join('.')}.`;
    expect(await verifyProjectToken(key, unsigned)).toBeUndefined();
    const forged = await new SignJWT({ iat: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('argocd')
      .setSubject('proj:a:b:c')
      .sign(key);
    expect(await verifyProjectToken(key, forged)).toEqual({ valid: false, reason: 'malformed claims' });
  });

  it('are valid only while their role lists them: by id, else by iat (Argo CD GetJWTToken)', () => {
    const role = { name: 'ci', jwtTokens: [{ iat: 1, id: 'a' }, { iat: 2 }] };
    expect(recordedToken(role, { id: 'a', issuedAt: 99 })).toEqual({ iat: 1, id: 'a' });
    expect(recordedToken(role, { id: 'b', issuedAt: 1 })).toBeUndefined();
    expect(recordedToken(role, { id: '', issuedAt: 2 })).toEqual({ iat: 2 });
    expect(recordedToken(role, { id: '', issuedAt: 1 })).toBeUndefined();
    expect(recordedToken(undefined, { id: 'a', issuedAt: 1 })).toBeUndefined();
  });
});
