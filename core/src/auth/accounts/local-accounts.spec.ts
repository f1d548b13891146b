import { parseGoDuration } from './go-duration';
import { parseAccounts, parseTokens, sessionDurationMs } from './local-accounts';
import { passwordProblem } from './password-policy';

describe('local accounts from argocd-cm and argocd-secret', () => {
  it('reads accounts, capabilities, enabled flags, hashes, mtimes and tokens', () => {
    const accounts = parseAccounts(
      {
        'accounts.alice': 'apiKey, login',
        'accounts.ci': 'apiKey',
        'accounts.ci.enabled': 'false',
        'accounts.bob': 'login, bogus',
      },
      {
        'admin.password': '$2a$10$admin',
        'admin.passwordMtime': '2026-01-01T00:00:00Z',
        'accounts.alice.password': '$2a$10$alice',
        'accounts.alice.tokens': '[{"id":"t1","iat":1700000000,"exp":1800000000},{"id":"t2","iat":1700000001}]',
      },
    );
    expect([...accounts.keys()].sort()).toEqual(['admin', 'alice', 'bob', 'ci']);
    expect(accounts.get('admin')).toEqual({
      name: 'admin',
      enabled: true,
      capabilities: ['login'],
      passwordHash: '$2a$10$admin',
      passwordMtime: Date.UTC(2026, 0, 1),
      tokens: [],
    });
    expect(accounts.get('alice')).toMatchObject({
      capabilities: ['apiKey', 'login'],
      passwordHash: '$2a$10$alice',
      passwordMtime: undefined,
      tokens: [
        { id: 't1', iat: 1700000000, exp: 1800000000 },
        { id: 't2', iat: 1700000001 },
      ],
    });
    expect(accounts.get('bob')?.capabilities).toEqual(['login']);
    expect(accounts.get('ci')).toMatchObject({ enabled: false, passwordHash: '' });
  });

  it('drops admin when admin.enabled is false, and lets accounts.admin name its capabilities', () => {
    expect(parseAccounts({ 'admin.enabled': 'false' }, {}).has('admin')).toBe(false);
    expect(parseAccounts({ 'accounts.admin': 'apiKey, login' }, {}).get('admin')?.capabilities).toEqual([
      'apiKey',
      'login',
    ]);
  });

  it('ignores malformed token lists and entries', () => {
    expect(parseTokens('not json')).toEqual([]);
    expect(parseTokens('{"id":"x"}')).toEqual([]);
    expect(parseTokens('[{"iat":1},{"id":"ok","iat":"x"},null]')).toEqual([{ id: 'ok', iat: 0 }]);
  });

  it('reads users.session.duration as a Go duration, 24h by default', () => {
    expect(sessionDurationMs({})).toBe(86_400_000);
    expect(sessionDurationMs({ 'users.session.duration': '1h30m' })).toBe(5_400_000);
    expect(sessionDurationMs({ 'users.session.duration': 'forever' })).toBe(86_400_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('10d')).toBeUndefined();
  });

  it("checks new passwords against argocd-cm passwordPattern (Argo CD's default 8 to 32 characters)", () => {
    expect(passwordProblem('short', {})).toMatch(/password pattern/);
    expect(passwordProblem('long-enough', {})).toBeUndefined();
    expect(passwordProblem('abc', { passwordPattern: '^[a-c]+$' })).toBeUndefined();
  });
});
