// OIDC single sign-on against a real OpenID provider (node-oidc-provider on
// loopback HTTPS with a throw-away CA): the browser flow to a session cookie,
// groups in userInfo and RBAC, state/nonce/id_token tampering refused, logout,
// `driftless login --sso` end to end, groups from the UserInfo endpoint
// (enableUserInfoGroups), logout to the provider's logoutURL, and
// misconfiguration answered clearly while local login keeps working.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { Logger } from '@nestjs/common';
import { SignJWT, UnsecuredJWT, decodeJwt, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { ArgocdSecretStore } from '../../core/src/auth/accounts/argocd-secret.store';
import { AUTH_REDIS, type createAuthRedis } from '../../core/src/auth/auth-redis';
import { readCliConfig, resolveContext } from '../../core/src/cli/client/cli-config';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { createApplication, installArgoCrds } from '../support/argo-resources';
import { type TestCertificates, makeTestCertificates } from '../support/certificates';
import { spawnCli } from '../support/cli-process';
import { useKernelFixture } from '../support/kernel-fixture';
import { type TestAccount, type TestOidcProvider, TestBrowser, startOidcProvider } from '../support/oidc-provider';
import { closedPort } from '../support/ports';
import { runCliInProcess } from '../support/run-cli';
import { initialAdminPassword } from '../support/test-kernel';
import { gql, login, setConfigMap } from './auth-support';

const POLICY = `p, role:team-a, applications, get, team-a/*, allow
p, role:team-b, applications, get, team-b/*, allow
g, team-a, role:team-a
g, bob@example.com, role:team-b
g, platform, role:team-b
`;
const USER_INFO = '{ userInfo { loggedIn username iss groups } }';
const APP = 'query ($name: String!) { application(name: $name) { name project } }';

describe('OIDC single sign-on', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      const { kubeConfig } = cluster.connection;
      await installArgoCrds(kubeConfig, namespace);
      const custom = kubeConfig.makeApiClient(CustomObjectsApi);
      for (const name of ['team-a', 'team-b'])
        await custom.createNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'appprojects',
          namespace,
          body: {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'AppProject',
            metadata: { name },
            spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
          },
        });
      await createApplication(kubeConfig, { name: 'web', namespace, project: 'team-a' });
      await createApplication(kubeConfig, { name: 'db', namespace, project: 'team-b' });
      await setConfigMap(cluster.connection, namespace, 'argocd-rbac-cm', { 'policy.csv': POLICY });
      // `$oidc-creds:cliClientID` reads this Secret, which Argo CD's rule wants labelled part-of argocd.
      await kubeConfig.makeApiClient(CoreV1Api).createNamespacedSecret({
        namespace,
        body: {
          metadata: { name: 'oidc-creds', labels: { 'app.kubernetes.io/part-of': 'argocd' } },
          stringData: { cliClientID: 'driftless-cli' },
        },
      });
    },
  });
  const url = (): string => fixture.kernel.url;
  let certificates: TestCertificates;
  let idp: TestOidcProvider;
  let workDir: string;
  let caFile: string;
  let adminPassword: string;
  let argocdCm: Record<string, string>;
  // carol's groups come only from the UserInfo endpoint, never in her id_token.
  const accounts: Record<string, TestAccount> = {
    alice: { email: 'alice@example.com', name: 'Alice', groups: ['team-a', 'everyone'] },
    bob: { email: 'bob@example.com', name: 'Bob' },
    carol: { email: 'carol@example.com', name: 'Carol', userInfoOnly: { groups: ['platform'] } },
  };
  const browsers: TestBrowser[] = [];
  const newBrowser = (): TestBrowser => {
    const browser = new TestBrowser(certificates.caCert);
    browsers.push(browser);
    return browser;
  };

  beforeAll(async () => {
    fixture.kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    fixture.kernel.app.get(ArgocdSecretStore).ttlMs = 0;
    delete process.env.DRIFTLESS_AUTH_TOKEN;
    adminPassword = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
    certificates = await makeTestCertificates();
    workDir = await mkdtemp(join(tmpdir(), 'driftless-oidc-'));
    caFile = join(workDir, 'ca.crt');
    await writeFile(caFile, certificates.caCert);
    idp = await startOidcProvider({
      certificates,
      accounts,
      clients: [
        {
          client_id: 'driftless',
          client_secret: 'driftless-client-secret',
          redirect_uris: [`${url()}/auth/callback`],
        },
        {
          client_id: 'driftless-cli',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          redirect_uris: ['http://localhost/auth/callback'],
        },
        // Another application of the same provider: its id_tokens are not for Driftless.
        {
          client_id: 'other-app',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          redirect_uris: ['http://localhost/auth/callback'],
        },
      ],
    });
    await fixture.kernel.app.get(ArgocdSecretStore).update({ 'oidc.clientSecret': 'driftless-client-secret' });
    argocdCm = {
      url: url(),
      'oidc.config': [
        'name: Test IdP',
        `issuer: ${idp.issuer}`,
        'clientId: driftless', // Go's JSON rules: any case matches clientID
        'clientSecret: $oidc.clientSecret',
        'cliClientID: $oidc-creds:cliClientID',
        'requestedScopes: [openid, profile, email, groups]',
        'requestedIDTokenClaims: {groups: {essential: true}, email: {essential: true}, name: null}',
        'rootCA: |',
        ...certificates.caCert
          .trim()
          .split('\n')
          .map((line) => `  ${line}`),
      ].join('\n'),
    };
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', argocdCm);
  });
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await idp?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** The browser flow up to the session cookie; returns the token and the final (callback) answer. */
  async function browserLogin(browser: TestBrowser, user: string, returnUrl = '/applications') {
    const start = await browser.request(`${url()}/auth/login?return_url=${encodeURIComponent(returnUrl)}`);
    expect(start.status).toBe(303);
    const form = await browser.follow(start.headers.get('location') ?? '');
    const done = await browser.signIn(form.response, user);
    return { start, callback: done.response, token: browser.cookie('127.0.0.1', 'argocd.token') };
  }

  /** An id_token as a CLI gets one: code flow with PKCE for `clientId`, the browser signing in as `user`. */
  async function idTokenFor(user: string, clientId: string): Promise<string> {
    return (await cliTokensFor(user, clientId)).id_token ?? '';
  }

  async function cliTokensFor(user: string, clientId: string): Promise<{ id_token?: string; access_token?: string }> {
    const agent = new Agent({ connect: { ca: certificates.caCert } });
    try {
      const config = await client.discovery(new URL(idp.issuer), clientId, undefined, client.None(), {
        [client.customFetch]: ((target: string, init: RequestInit) =>
          undiciFetch(target, { ...(init as object), dispatcher: agent })) as unknown as client.CustomFetch,
      });
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const redirectUri = 'http://localhost:1/auth/callback';
      const authorize = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile groups',
        state,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        claims: JSON.stringify({ id_token: { groups: { essential: true }, email: null } }),
      });
      const browser = newBrowser();
      const page = await browser.follow(authorize.href);
      const back = await browser.signIn(page.response, user, (next) => next.href.startsWith(redirectUri));
      const tokens = await client.authorizationCodeGrant(config, new URL(back.next ?? ''), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      return tokens;
    } finally {
      await agent.close();
    }
  }

  const exchange = async (idToken: string, accessToken?: string) => {
    const response = await fetch(`${url()}/auth/sso/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken, accessToken }),
    });
    return { status: response.status, body: (await response.json()) as { token?: string; error?: string } };
  };

  it('logs in through the browser flow: PKCE, state and nonce, a session cookie, userInfo with the groups', async () => {
    const browser = newBrowser();
    const { start, callback, token } = await browserLogin(browser, 'alice', '/applications?view=tiles');

    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'driftless',
      response_type: 'code',
      redirect_uri: `${url()}/auth/callback`,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
      claims: JSON.stringify({ id_token: { groups: { essential: true }, email: { essential: true }, name: null } }),
    });
    for (const random of ['state', 'nonce', 'code_challenge'])
      expect(authorize.searchParams.get(random)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(start.cookies).toEqual([
      expect.stringMatching(/^argocd\.oauthstate=[^;]+; Path=\/auth\/callback; HttpOnly; SameSite=Lax; Max-Age=300$/),
    ]);
    expect(start.cookies[0]).not.toContain(authorize.searchParams.get('state') ?? '-'); // sealed, not the plain state

    expect(callback.status).toBe(200);
    expect(callback.url.startsWith(`${url()}/auth/callback?`)).toBe(true);
    expect(callback.body).toContain('<meta http-equiv="refresh" content="0;url=/applications?view=tiles">');
    expect(callback.cookies).toEqual([
      expect.stringMatching(/^argocd\.token=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/),
      expect.stringMatching(/^argocd\.oauthstate=; Path=\/auth\/callback; HttpOnly; SameSite=Lax; Max-Age=0$/),
    ]);
    // Driftless's own session (HS256, revocable), carrying the provider's identity.
    expect(decodeJwt(token ?? '')).toMatchObject({
      iss: 'argocd',
      aud: 'driftless:sso',
      sub: 'alice',
      sso: { iss: idp.issuer, email: 'alice@example.com', name: 'Alice', groups: ['team-a', 'everyone'] },
    });

    const byCookie = await fetch(`${url()}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `argocd.token=${token}` },
      body: JSON.stringify({ query: USER_INFO }),
    });
    expect(await byCookie.json()).toEqual({
      data: {
        userInfo: { loggedIn: true, username: 'alice@example.com', iss: idp.issuer, groups: ['team-a', 'everyone'] },
      },
    });
  });

  it('grants and denies through the groups: argocd-rbac-cm g lines and scopes', async () => {
    const alice = (await browserLogin(newBrowser(), 'alice')).token ?? '';
    const bob = (await browserLogin(newBrowser(), 'bob')).token ?? '';
    expect((await gql(url(), alice, APP, { name: 'web' })).data).toEqual({
      application: { name: 'web', project: 'team-a' },
    });
    expect((await gql(url(), alice, APP, { name: 'db' })).data).toEqual({ application: null });
    const can = '{ can(action: "get", resource: "applications", object: "team-a/web") }';
    expect((await gql(url(), alice, can)).data).toEqual({ can: true });
    // bob has no groups; `g, bob@example.com, …` counts only once argocd-rbac-cm scopes names email.
    expect((await gql(url(), bob, APP, { name: 'db' })).data).toEqual({ application: null });
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-rbac-cm', {
      'policy.csv': POLICY,
      scopes: '[groups, email]',
    });
    try {
      expect((await gql(url(), bob, APP, { name: 'db' })).data).toEqual({
        application: { name: 'db', project: 'team-b' },
      });
      expect((await gql(url(), bob, APP, { name: 'web' })).data).toEqual({ application: null });
    } finally {
      await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-rbac-cm', { 'policy.csv': POLICY });
    }
  });

  it('refuses a callback whose state is not this browser’s login, or without the login cookie', async () => {
    const browser = newBrowser();
    const start = await browser.request(`${url()}/auth/login`);
    const form = await browser.follow(start.headers.get('location') ?? '');
    const { next } = await browser.signIn(form.response, 'alice', (hop) => hop.pathname === '/auth/callback');
    const callback = new URL(next ?? '');

    const forged = new URL(callback);
    forged.searchParams.set('state', client.randomState());
    const wrongState = await browser.request(forged.href);
    expect(wrongState.status).toBe(400);
    expect(wrongState.body).toContain('the state does not match');

    // Another browser (no login cookie) cannot complete this login: login CSRF is refused.
    const elsewhere = await newBrowser().request(callback.href);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toContain('no login in progress in this browser');
    expect(elsewhere.cookies.some((cookie) => cookie.startsWith('argocd.token='))).toBe(false);

    // The real callback still completes.
    const real = await browser.request(callback.href);
    expect(real.status).toBe(200);
    expect(browser.cookie('127.0.0.1', 'argocd.token')).toBeDefined();
  });

  it('answers a provider error with a fixed message, reflecting nothing a link could carry (BI-XSS-3)', async () => {
    const browser = newBrowser();
    const crafted = new URL(`${url()}/auth/callback`);
    crafted.searchParams.set('error', 'access_denied');
    crafted.searchParams.set('error_description', '<script>alert(1)</script><b>Call 555-0100 to restore access</b>');
    const answer = await browser.request(crafted.href);
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('SSO login failed: the identity provider refused the login (access_denied)');
    expect(answer.body).not.toMatch(/script|555-0100|restore access/);
    crafted.searchParams.set('error', '<b>Call 555-0100</b>');
    const odd = await browser.request(crafted.href);
    expect(odd.body).toContain('SSO login failed: the identity provider refused the login</p>');
    expect(odd.body).not.toContain('555-0100');
  });

  it('refuses an id_token whose nonce is not the one of this login', async () => {
    const browser = newBrowser();
    const start = await browser.request(`${url()}/auth/login`);
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('nonce', client.randomNonce()); // e.g. an attacker's authorization request
    const form = await browser.follow(authorize.href);
    const done = await browser.signIn(form.response, 'alice');
    expect(done.response.status).toBe(401);
    expect(done.response.body).toContain('nonce');
    expect(browser.cookie('127.0.0.1', 'argocd.token')).toBeUndefined();
  });

  it('exchanges a fresh id_token for a session, and refuses tampered, foreign and unsigned ones', async () => {
    const idToken = await idTokenFor('alice', 'driftless-cli');
    const good = await exchange(idToken);
    expect(good.status).toBe(200);
    expect((await gql(url(), good.body.token ?? '', USER_INFO)).data).toEqual({
      userInfo: { loggedIn: true, username: 'alice@example.com', iss: idp.issuer, groups: ['team-a', 'everyone'] },
    });

    const [header, payload, signature] = idToken.split('.') as [string, string, string];
    const claims = decodeJwt(idToken);
    const escalated = Buffer.from(JSON.stringify({ ...claims, groups: ['admins'] })).toString('base64url');
    const tampered = await exchange(`${header}.${escalated}.${signature}`);
    expect(tampered).toEqual({ status: 401, body: { error: 'the id_token was refused: bad signature' } });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-signing-key' })
      .sign(privateKey);
    expect((await exchange(forged)).status).toBe(401);
    expect((await exchange(new UnsecuredJWT({ ...claims }).encode())).status).toBe(401);
    const hmac = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('driftless-client-secret'));
    expect((await exchange(hmac)).body.error).toBe('the id_token was refused: its signature algorithm is not allowed');

    const foreign = await exchange(await idTokenFor('alice', 'other-app'));
    expect(foreign).toEqual({
      status: 401,
      body: { error: 'the id_token was refused: its audience is not allowed (oidc.config allowedAudiences)' },
    });
    expect(payload).not.toBe(escalated);
  });

  it('logout revokes the SSO session', async () => {
    const token = (await browserLogin(newBrowser(), 'alice')).token ?? '';
    expect((await gql(url(), token, USER_INFO)).data).toBeDefined();
    expect((await gql(url(), token, 'mutation { logout }')).data).toEqual({ logout: true });
    const after = await gql(url(), token, USER_INFO);
    expect(after.error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('takes the groups from the UserInfo endpoint, asks again when they expire, and logs out to logoutURL', async () => {
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level),
    );
    const logLines = () => spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' ')));
    const answers: string[] = [];
    const redis = fixture.kernel.app.get<ReturnType<typeof createAuthRedis>>(AUTH_REDIS);
    const logoutURL = `${idp.issuer}/session/end?id_token_hint={{token}}&post_logout_redirect_uri={{logoutRedirectURL}}`;
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', {
      ...argocdCm,
      'oidc.config': `${argocdCm['oidc.config']}\nenableUserInfoGroups: true\nuserInfoPath: /me\nuserInfoCacheExpiration: 5m\nlogoutURL: ${logoutURL}`,
    });
    try {
      const issuedBefore = idp.issuedTokens().length;
      const browser = newBrowser();
      const { token = '', callback } = await browserLogin(browser, 'carol');
      answers.push(callback.body, callback.cookies.join('\n'));
      const [issued] = idp.issuedTokens().slice(issuedBefore);
      const idToken = issued?.id_token ?? '';
      const accessToken = issued?.access_token ?? '';
      expect(idToken).toMatch(/^ey/);
      expect(accessToken.length).toBeGreaterThan(10);
      // The provider's id_token has no groups; the session has those of UserInfo.
      expect(decodeJwt(idToken).groups).toBeUndefined();
      const { jti, sso } = decodeJwt(token) as { jti: string; sso: { groups: string[] } };
      expect(sso.groups).toEqual(['platform']);
      const info = await gql(url(), token, USER_INFO);
      answers.push(info.text);
      expect(info.data).toEqual({
        userInfo: { loggedIn: true, username: 'carol@example.com', iss: idp.issuer, groups: ['platform'] },
      });
      // `g, platform, role:team-b` is the only line that grants carol anything.
      expect((await gql(url(), token, APP, { name: 'db' })).data).toEqual({
        application: { name: 'db', project: 'team-b' },
      });
      expect((await gql(url(), token, APP, { name: 'web' })).data).toEqual({ application: null });

      // Redis keeps the tokens and groups of this session, encrypted.
      const keys = (await redis.keys(`*:auth:sso-*:${jti}`)).sort();
      expect(keys).toEqual([expect.stringMatching(/:auth:sso-groups:/), expect.stringMatching(/:auth:sso-tokens:/)]);
      for (const key of keys) {
        const stored = (await redis.get(key)) ?? '';
        expect(stored).not.toContain(accessToken);
        expect(stored).not.toContain(idToken);
        expect(stored).not.toContain('platform');
      }

      // The provider moves carol to team-a: the cached groups stand until they expire (deleted
      // here rather than waiting 5m); the next request asks UserInfo again and RBAC follows.
      accounts['carol'] = { ...accounts['carol'], userInfoOnly: { groups: ['team-a'] } };
      expect((await gql(url(), token, APP, { name: 'db' })).data).toEqual({
        application: { name: 'db', project: 'team-b' },
      });
      await redis.del(keys.find((key) => key.includes(':sso-groups:')) ?? '');
      expect((await gql(url(), token, APP, { name: 'db' })).data).toEqual({ application: null });
      expect((await gql(url(), token, APP, { name: 'web' })).data).toEqual({
        application: { name: 'web', project: 'team-a' },
      });

      // The CLI's exchange needs the access token too, and then gets the UserInfo groups.
      const cli = await cliTokensFor('carol', 'driftless-cli');
      const withoutAccess = await exchange(cli.id_token ?? '');
      expect(withoutAccess.status).toBe(401);
      expect(withoutAccess.body.error).toContain('enableUserInfoGroups needs the access token too');
      const withAccess = await exchange(cli.id_token ?? '', cli.access_token);
      answers.push(JSON.stringify(withAccess.body));
      expect(withAccess).toMatchObject({ status: 200, body: { groups: ['team-a'] } });

      // Logout: revoked, cookie cleared, on to the provider with the id_token as id_token_hint.
      const out = await browser.request(`${url()}/auth/logout`);
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe(
        `${idp.issuer}/session/end?id_token_hint=${idToken}&post_logout_redirect_uri=${encodeURIComponent(url())}`,
      );
      expect(out.cookies).toEqual([
        expect.stringMatching(/^argocd\.token=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/),
      ]);
      expect(browser.cookie('127.0.0.1', 'argocd.token')).toBeUndefined();
      expect(await redis.exists(...keys)).toBe(0);
      const after = await gql(url(), token, USER_INFO);
      expect(after.error?.extensions?.code).toBe('UNAUTHENTICATED');
      answers.push(out.body, after.text);
      // A second logout (no session any more) just goes back to Driftless.
      expect((await browser.request(`${url()}/auth/logout`, { method: 'POST' })).headers.get('location')).toBe(url());

      // The provider's tokens never reach a log line or another answer.
      const messages = logLines();
      expect(messages.some((line) => line.includes('SSO login (browser): carol@example.com'))).toBe(true);
      for (const secret of [idToken, accessToken, cli.access_token ?? '-', cli.id_token ?? '-']) {
        expect(messages.filter((line) => line.includes(secret))).toEqual([]);
        expect(answers.filter((answer) => answer.includes(secret))).toEqual([]);
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
      accounts['carol'] = { ...accounts['carol'], userInfoOnly: { groups: ['platform'] } };
      await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', argocdCm);
    }
  });

  it('logs a local session out at /auth/logout too: revoked, back to argocd-cm url', async () => {
    const token = await login(url(), 'admin', adminPassword);
    const out = await fetch(`${url()}/auth/logout`, {
      method: 'POST',
      headers: { cookie: `argocd.token=${token}` },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(url());
    expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^argocd\.token=; .*Max-Age=0/)]);
    expect((await gql(url(), token, USER_INFO)).error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs in from the CLI with --sso: the browser catches the callback on the loopback port', async () => {
    // With UserInfo groups on, the exchange succeeds only when the CLI sends the access token along.
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', {
      ...argocdCm,
      'oidc.config': `${argocdCm['oidc.config']}\nenableUserInfoGroups: true\nuserInfoPath: /me`,
    });
    try {
      await cliSsoLogin();
    } finally {
      await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', argocdCm);
    }
  });

  async function cliSsoLogin(): Promise<void> {
    const configPath = join(workDir, 'cli', 'config');
    const port = await closedPort();
    const hostPort = url().replace(/^http:\/\//, '');
    const cli = spawnCli(
      [
        'login',
        hostPort,
        '--plaintext',
        '--sso',
        '--sso-port',
        String(port),
        '--sso-launch-browser=false',
        '--config',
        configPath,
      ],
      { NODE_EXTRA_CA_CERTS: caFile },
    );
    try {
      const [, authorizeUrl] = await cli.waitForStderr(
        /copy-and-paste the following URL into your preferred browser: (\S+)/,
      );
      const authorize = new URL(authorizeUrl ?? '');
      expect(authorize.searchParams.get('client_id')).toBe('driftless-cli');
      expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/auth/callback`);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      const browser = newBrowser();
      const form = await browser.follow(authorize.href);
      const done = await browser.signIn(form.response, 'alice');
      expect(done.response.url.startsWith(`http://localhost:${port}/auth/callback?`)).toBe(true);
      expect(done.response.body).toContain('Authentication successful');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toBe(`'alice@example.com' logged in successfully\nContext '${hostPort}' updated\n`);
    } finally {
      cli.child.kill();
    }
    // The CLI keeps Driftless's session, not the identity provider's id_token.
    const stored = resolveContext(await readCliConfig(configPath));
    expect(decodeJwt(stored?.token ?? '')).toMatchObject({ aud: 'driftless:sso', sso: { iss: idp.issuer } });
    expect(await runCliInProcess(['account', 'get-user-info', '--config', configPath])).toEqual({
      code: 0,
      stdout: `Logged In: true\nUsername: alice@example.com\nIssuer: ${idp.issuer}\nGroups: team-a,everyone\n`,
      stderr: '',
    });
    // `driftless logout` (the GraphQL logout) forgets what the server kept of the provider's tokens.
    const redis = fixture.kernel.app.get<ReturnType<typeof createAuthRedis>>(AUTH_REDIS);
    const { jti } = decodeJwt(stored?.token ?? '') as { jti: string };
    expect(await redis.keys(`*:auth:sso-*:${jti}`)).not.toEqual([]);
    expect((await runCliInProcess(['logout', '--config', configPath])).code).toBe(0);
    expect(await redis.keys(`*:auth:sso-*:${jti}`)).toEqual([]);
  }

  it('answers misconfiguration with one clear line, logs it once, keeps local login, and honours oidc.tls.insecure.skip.verify', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const ssoLines = () =>
      errors.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('SSO is unavailable'));
    const alice = (await browserLogin(newBrowser(), 'alice')).token ?? '';
    const attempt = async () => {
      const first = await newBrowser().request(`${url()}/auth/login`);
      const second = await newBrowser().request(`${url()}/auth/login`);
      expect(second.status).toBe(first.status);
      return first;
    };
    const withConfig = (changes: Record<string, string>) =>
      setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', { ...argocdCm, ...changes });
    try {
      await withConfig({ 'oidc.config': 'issuer: [unclosed' });
      const broken = await attempt();
      expect(broken.status).toBe(503);
      expect(broken.body).toContain('oidc.config is not valid YAML');
      expect(ssoLines()).toEqual([expect.stringContaining('oidc.config is not valid YAML')]);
      // SSO sessions end with the configuration that vouched for them; local login does not care.
      expect((await gql(url(), alice, USER_INFO)).error?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await login(url(), 'admin', adminPassword)).toMatch(/^ey/);

      errors.mockClear();
      const closed = await closedPort();
      await withConfig({ 'oidc.config': `issuer: https://127.0.0.1:${closed}\nclientID: driftless` });
      const unreachable = await attempt();
      expect(unreachable.status).toBe(503);
      expect(unreachable.body).toContain(`OpenID provider https://127.0.0.1:${closed} cannot be discovered`);
      expect(unreachable.body).toContain('ECONNREFUSED');
      expect(ssoLines()).toHaveLength(1);

      errors.mockClear();
      const untrusted = `issuer: ${idp.issuer}\nclientID: driftless\nclientSecret: $oidc.clientSecret`;
      await withConfig({ 'oidc.config': untrusted });
      const badTls = await attempt();
      expect(badTls.status).toBe(503);
      expect(badTls.body).toMatch(/certificate/i);
      expect(ssoLines()).toEqual([
        expect.stringMatching(/cannot be discovered: .*certificate.*\(TLS: is the CA in oidc.config rootCA\?\)/i),
      ]);
      expect(await login(url(), 'admin', adminPassword)).toMatch(/^ey/);

      await withConfig({ 'oidc.config': untrusted, 'oidc.tls.insecure.skip.verify': 'true' });
      const skipped = await newBrowser().request(`${url()}/auth/login`);
      expect(skipped.status).toBe(303);
      expect(skipped.headers.get('location')?.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    } finally {
      errors.mockRestore();
      await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-cm', argocdCm);
    }
    // The identity provider is configured again: the session that was never revoked is valid again.
    expect((await gql(url(), alice, USER_INFO)).data).toBeDefined();
    const missing = await fetch(`${url()}/auth/sso/settings`);
    expect(missing.status).toBe(200);
  });
});
