// Local accounts, sessions and API tokens end to end over HTTP and graphql-ws:
// security.md BI-AUTH-1, BI-AUTH-4, BI-CSRF-1, BI-CSRF-2, BI-LEAK-1 and the
// identical answers for an unknown user and a wrong password (row 5).
import { SignJWT, UnsecuredJWT } from 'jose';
import WebSocket from 'ws';
import { ArgocdSecretStore } from '../../core/src/auth/accounts/argocd-secret.store';
import { GraphqlAuthService } from '../../core/src/auth/graphql/graphql-auth.service';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { useKernelFixture } from '../support/kernel-fixture';
import { initialAdminPassword } from '../support/test-kernel';
import { LOGIN, eventually, gql, login, secretData, setConfigMap, whoAmI } from './auth-support';

const ACCOUNTS = { 'accounts.alice': 'apiKey, login', 'accounts.ci': 'apiKey' };

describe('local accounts and sessions', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      await ensureNamespace(cluster.connection.kubeConfig, namespace);
      await setConfigMap(cluster.connection, namespace, 'argocd-cm', ACCOUNTS);
    },
  });
  const url = (): string => fixture.kernel.url;
  /** Every answer the API gave in this file, searched for secrets at the end (BI-LEAK-1). */
  const answers: string[] = [];
  let adminPassword: string;
  let alicePassword = 'alice-password-1';

  const call = async <T>(token: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql<T>(url(), token, query, variables);
    answers.push(result.text);
    return result;
  };

  beforeAll(async () => {
    // Settings and argocd-secret edits count at once in these tests (the server caches them for 1–5 s).
    fixture.kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    fixture.kernel.app.get(ArgocdSecretStore).ttlMs = 0;
    adminPassword = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
  });

  it('stores a random initial admin password, its bcrypt hash and a signing key on first start', async () => {
    expect(adminPassword).toMatch(/^[a-zA-Z0-9]{16}$/);
    const secret = await secretData(fixture.cluster.connection, fixture.namespace, 'argocd-secret');
    expect(secret['admin.password']).toMatch(/^\$2a\$10\$/);
    expect(Date.parse(secret['admin.passwordMtime'] ?? '')).not.toBeNaN();
    expect(Buffer.from(secret['server.secretkey'] ?? '', 'base64')).toHaveLength(32);
  });

  it('logs in with Argo CD claims and sets an HttpOnly, SameSite=Strict cookie that authenticates too', async () => {
    const response = await fetch(`${url()}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { username: 'admin', password: adminPassword } }),
    });
    const { data } = (await response.json()) as { data: { login: { token: string; expiresAt: number } } };
    const claims = JSON.parse(Buffer.from(data.login.token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ iss: 'argocd', sub: 'admin:login', jti: expect.any(String) });
    expect(Number(claims.exp) - Number(claims.iat)).toBeCloseTo(86_400, -1);
    expect(claims.nbf).toBe(Math.floor(Number(claims.iat)));
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^argocd\.token=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);

    const byCookie = await fetch(`${url()}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] ?? '' },
      body: JSON.stringify({ query: '{ userInfo { loggedIn username iss groups } }' }),
    });
    expect(await byCookie.json()).toEqual({
      data: { userInfo: { loggedIn: true, username: 'admin', iss: 'argocd', groups: [] } },
    });
  });

  it('answers an unknown user, a wrong password and an account without a password alike', async () => {
    const attempts = [
      { username: 'nobody', password: 'whatever-1' },
      { username: 'admin', password: 'wrong-password' },
      { username: 'ci', password: 'whatever-1' },
    ];
    const answersSeen = await Promise.all(
      attempts.map(async (variables) => {
        const { status, data, error } = await call(null, LOGIN, variables);
        return { status, data, error };
      }),
    );
    for (const answer of answersSeen)
      expect(answer).toEqual({
        status: 200,
        data: undefined,
        error: expect.objectContaining({
          message: 'Invalid username or password',
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      });
  });

  it('takes about as long to refuse an unknown user as a wrong password (one bcrypt round each)', async () => {
    const timed = async (username: string): Promise<number> => {
      const started = performance.now();
      await call(null, LOGIN, { username, password: 'not-the-password' });
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Alternating, so load on the machine hits both alike; 3 failures keep admin below the lock.
    for (let round = 0; round < 3; round += 1) {
      unknown.push(await timed(`nobody-${round}`));
      wrong.push(await timed('admin'));
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean(unknown) - mean(wrong))).toBeLessThan(0.5 * Math.max(mean(unknown), mean(wrong)));
    await login(url(), 'admin', adminPassword); // a success resets admin's failure count
  });

  it('refuses documents over the depth, alias, cost and token limits before running them', async () => {
    const token = await login(url(), 'admin', adminPassword);
    const deep = await call(token, '{ applications { edges { node { name } } } }'.replace(/name/, 'name '.repeat(1)));
    expect(deep.error?.message ?? '').not.toMatch(/nested deeper/);
    const aliases = `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: version { version }`).join(' ')} }`;
    const tooMany = await call(token, aliases);
    expect(tooMany.status).toBe(400);
    expect(tooMany.error?.message).toBe('query uses 16 aliases; at most 15 are allowed');
    // A thousand manifest renders in one request: refused by its cost; one render is not.
    const costly = await call(token, '{ applications(first: 1000) { edges { node { manifests { revisions } } } } }');
    expect(costly.status).toBe(400);
    expect(costly.error).toMatchObject({ extensions: { code: 'QUERY_TOO_COSTLY', cost: 5_003_001 } });
    const one = await call(token, '{ application(name: "none") { manifests { revisions } } }');
    expect(one.error?.extensions?.code).not.toBe('QUERY_TOO_COSTLY');
    const tokens = await call(token, `{ version { ${'version '.repeat(10_000)} } }`);
    expect(tokens.status).toBe(400);
    expect(tokens.error?.message).toMatch(/Document contains more that 10000 tokens/);
  });

  it('refuses every operation except login, version and the public settings without a valid token', async () => {
    expect((await call(null, '{ version { version } }')).data).toBeDefined();
    expect((await call(null, '{ settings { controllerNamespace statusBadgeEnabled oidc { name } } }')).data).toEqual({
      settings: { controllerNamespace: fixture.namespace, statusBadgeEnabled: false, oidc: null },
    });
    for (const query of ['{ applications { totalCount } }', '{ projects { name } }', 'mutation { logout }']) {
      const { status, data, error } = await call(null, query);
      expect(status).toBe(401);
      expect(data).toBeUndefined();
      expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const mixed = await call(null, '{ version { version } clusters { name } }');
    expect(mixed.error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('forged and stale tokens never authenticate (BI-AUTH-1)', () => {
    let key: Uint8Array;
    beforeAll(async () => {
      const secret = await secretData(fixture.cluster.connection, fixture.namespace, 'argocd-secret');
      key = new TextEncoder().encode(secret['server.secretkey']);
    });
    const now = (): number => Math.floor(Date.now() / 1000);
    const signed = (claims: Record<string, unknown>, signingKey: Uint8Array = key, subject = 'admin:login') =>
      new SignJWT({ jti: 'forged', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('argocd')
        .setSubject(subject)
        .sign(signingKey);

    it.each<[string, () => Promise<string>]>([
      [
        'alg none',
        () =>
          Promise.resolve(new UnsecuredJWT({ sub: 'admin:login', jti: 'x', iat: now() }).setIssuer('argocd').encode()),
      ],
      ['a bad signature', () => signed({ iat: now(), exp: now() + 600 }, new TextEncoder().encode('guessed'))],
      ['an expired token', () => signed({ iat: now() - 600, exp: now() - 1 })],
      ['nbf in the future', () => signed({ iat: now(), nbf: now() + 600, exp: now() + 1200 })],
      ['an unknown account', () => signed({ iat: now(), exp: now() + 600 }, key, 'ghost:login')],
    ])('%s', async (_name, make) => {
      const { data, error } = await call(await make(), '{ userInfo { username } }');
      expect(data).toBeUndefined();
      expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('issued before the last password change', async () => {
      const old = await signed({ iat: now() - 3600, exp: now() + 600 });
      expect(await whoAmI(url(), old)).toBeUndefined();
    });
  });

  it('revokes a session at logout (BI-AUTH-4)', async () => {
    const token = await login(url(), 'admin', adminPassword);
    expect(await whoAmI(url(), token)).toBe('admin');
    expect((await call(token, 'mutation { logout }')).data).toEqual({ logout: true });
    expect(await whoAmI(url(), token)).toBeUndefined();
  });

  it('sets another account’s password as admin, and a password change revokes earlier sessions (BI-AUTH-4)', async () => {
    const admin = await login(url(), 'admin', adminPassword);
    const setAlice = await call(
      admin,
      'mutation ($c: String!, $n: String!) { updatePassword(currentPassword: $c, newPassword: $n, name: "alice") }',
      { c: adminPassword, n: alicePassword },
    );
    expect(setAlice.data).toEqual({ updatePassword: true });
    const first = await login(url(), 'alice', alicePassword);
    const second = await login(url(), 'alice', alicePassword);

    const wrongCurrent = await call(
      first,
      'mutation ($c: String!, $n: String!) { updatePassword(currentPassword: $c, newPassword: $n) }',
      { c: 'not-it', n: 'alice-password-2' },
    );
    expect(wrongCurrent.error?.extensions?.code).toBe('BAD_USER_INPUT');
    const forbiddenForAlice = await call(
      first,
      'mutation ($c: String!, $n: String!) { updatePassword(currentPassword: $c, newPassword: $n, name: "admin") }',
      { c: alicePassword, n: 'taken-over-admin' },
    );
    expect(forbiddenForAlice.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });

    const changed = await call(
      first,
      'mutation ($c: String!, $n: String!) { updatePassword(currentPassword: $c, newPassword: $n) }',
      { c: alicePassword, n: 'alice-password-2' },
    );
    expect(changed.data).toEqual({ updatePassword: true });
    alicePassword = 'alice-password-2';
    expect(await whoAmI(url(), first)).toBeUndefined();
    expect(await whoAmI(url(), second)).toBeUndefined();
    expect(await whoAmI(url(), await login(url(), 'alice', alicePassword))).toBe('alice');
    expect(await whoAmI(url(), admin)).toBe('admin');
  });

  it('creates, uses and deletes API tokens; a deleted token stops working (BI-AUTH-4)', async () => {
    const admin = await login(url(), 'admin', adminPassword);
    const created = await call<{ createAccountToken: { id: string; token: string; expiresAt: number | null } }>(
      admin,
      'mutation { createAccountToken(account: "ci", expiresIn: 3600, id: "pipeline") { id token expiresAt issuedAt } }',
    );
    const apiToken = created.data?.createAccountToken.token ?? '';
    expect(created.data?.createAccountToken).toMatchObject({ id: 'pipeline', expiresAt: expect.any(Number) });
    expect(await whoAmI(url(), apiToken)).toBe('ci');

    const listed = await call<{ accounts: { name: string; tokens: { id: string }[] }[] }>(
      admin,
      '{ accounts { name enabled capabilities tokens { id issuedAt expiresAt } } }',
    );
    expect(listed.data?.accounts.map((account) => account.name)).toEqual(['admin', 'alice', 'ci']);
    expect(listed.data?.accounts.find((account) => account.name === 'ci')?.tokens).toEqual([
      expect.objectContaining({ id: 'pipeline' }),
    ]);
    const noApiKey = await call(admin, 'mutation { createAccountToken(account: "admin") { id } }');
    expect(noApiKey.error?.extensions?.code).toBe('BAD_USER_INPUT');

    expect((await call(admin, 'mutation { deleteAccountToken(account: "ci", id: "pipeline") }')).data).toEqual({
      deleteAccountToken: true,
    });
    expect(await whoAmI(url(), apiToken)).toBeUndefined();
  });

  it('refuses sessions of a disabled account and of one that loses login (BI-AUTH-4)', async () => {
    const alice = await login(url(), 'alice', alicePassword);
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', {
      ...ACCOUNTS,
      'accounts.alice.enabled': 'false',
    });
    await eventually(async () => (await whoAmI(url(), alice)) === undefined);
    expect((await call(null, LOGIN, { username: 'alice', password: alicePassword })).error?.message).toBe(
      'Invalid username or password',
    );
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', ACCOUNTS);
    await eventually(async () => (await whoAmI(url(), alice)) === 'alice');
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', {
      ...ACCOUNTS,
      'accounts.alice': 'apiKey',
    });
    await eventually(async () => (await whoAmI(url(), alice)) === undefined);
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', ACCOUNTS);
  });

  describe('cross-site requests (BI-CSRF-1, BI-CSRF-2)', () => {
    it('never runs a mutation from a text/plain or form POST, or over GET', async () => {
      const token = await login(url(), 'admin', adminPassword);
      const cookie = `argocd.token=${token}`;
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await fetch(`${url()}/api/graphql`, {
          method: 'POST',
          headers: { 'content-type': contentType, cookie },
          body: JSON.stringify({ query: 'mutation { logout }' }),
        });
        expect(response.status).toBe(400);
      }
      const get = await fetch(`${url()}/api/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
        headers: { cookie },
      });
      expect(get.status).toBe(400);
      const preflighted = await fetch(`${url()}/api/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
        headers: { cookie, 'apollo-require-preflight': 'true' },
      });
      expect(preflighted.status).toBe(405);
      expect(await whoAmI(url(), token)).toBe('admin');
    });

    const wsUrl = (): string => `${url().replace(/^http/, 'ws')}/api/graphql`;

    it('closes a graphql-ws connection with 4403 without a valid token', async () => {
      for (const payload of [undefined, { authorization: 'Bearer not-a-token' }]) {
        const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
        await new Promise((resolve) => socket.once('open', resolve));
        socket.send(JSON.stringify({ type: 'connection_init', ...(payload ? { payload } : {}) }));
        const code = await new Promise<number>((resolve) => socket.once('close', resolve));
        expect(code).toBe(4403);
      }
    });

    it('closes a subscription connection with 4403 when its session is revoked or expires', async () => {
      fixture.kernel.app.get(GraphqlAuthService).recheckIntervalMs = 200;
      const open = async (token: string) => {
        const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
        const closed = new Promise<number>((resolve) => socket.once('close', resolve));
        await new Promise((resolve) => socket.once('open', resolve));
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
        const first = await Promise.race([
          new Promise<string>((resolve) => socket.once('message', (message: Buffer) => resolve(message.toString()))),
          closed.then((code) => `closed ${code}`),
        ]);
        expect(first).toBe('{"type":"connection_ack"}');
        return { closed };
      };
      const token = await login(url(), 'admin', adminPassword);
      const revoked = await open(token);
      await call(token, 'mutation { logout }');
      expect(await revoked.closed).toBe(4403);

      await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', {
        ...ACCOUNTS,
        'users.session.duration': '3s',
      });
      try {
        const short = await login(url(), 'admin', adminPassword);
        const started = Date.now();
        expect(await (await open(short)).closed).toBe(4403);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', ACCOUNTS);
      }
    });

    it('refuses a WebSocket upgrade from a foreign origin even with a valid cookie, and accepts its own origin', async () => {
      const token = await login(url(), 'admin', adminPassword);
      const connect = (origin: string) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(wsUrl(), 'graphql-transport-ws', {
            headers: { origin, cookie: `argocd.token=${token}` },
          });
          socket.once('unexpected-response', (_request, response) => resolve(`http ${response.statusCode}`));
          socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
          socket.on('message', (message: Buffer) => {
            resolve(String((JSON.parse(message.toString()) as { type: string }).type));
            socket.close();
          });
        });
      expect(await connect('https://evil.example')).toBe('http 403');
      expect(await connect(url())).toBe('connection_ack');
    });
  });

  it('never answered with a password, hash or the signing key (BI-LEAK-1)', async () => {
    const secret = await secretData(fixture.cluster.connection, fixture.namespace, 'argocd-secret');
    const canaries = [
      secret['server.secretkey'],
      secret['admin.password'],
      secret['accounts.alice.password'],
      adminPassword,
      alicePassword,
    ].filter((value): value is string => value !== undefined && value !== '');
    expect(canaries.length).toBeGreaterThanOrEqual(4);
    const all = answers.join('\n');
    for (const canary of canaries) expect(all).not.toContain(canary);
  });
});
