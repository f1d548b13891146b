// A real OpenID provider for tests: node-oidc-provider on loopback HTTPS (a
// throw-away CA from certificates.ts), with fixed accounts and their claims,
// the claims request parameter, and consent granted for the test clients so a
// login is one form post. `TestBrowser` plays the browser: a cookie jar, manual
// redirects (a test can stop before any hop to tamper with it), and the
// provider's development login form.
import { createServer, type Server } from 'node:https';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Agent, fetch, type Response } from 'undici';
import { type TestCertificates } from './certificates';

export interface TestAccount {
  email?: string;
  name?: string;
  groups?: string[];
  /** Further claims (e.g. `federated_claims`). */
  extra?: Record<string, unknown>;
  /** Claims only the UserInfo endpoint (`/me`) gives, over the others (read at each request: a test may change them). */
  userInfoOnly?: Record<string, unknown>;
}

export interface TestClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  /** 'native' for the CLI's public client on http://localhost (any port, RFC 8252). */
  application_type?: 'web' | 'native';
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
}

export interface TestOidcProvider {
  issuer: string;
  /** The token endpoint's answers so far (id_token, access_token), oldest first. */
  issuedTokens(): { id_token?: string; access_token?: string }[];
  stop(): Promise<void>;
}

/** Just what this helper uses of node-oidc-provider (the package ships no types). */
interface ProviderInstance {
  callback(): (request: unknown, response: unknown) => void;
  on(event: 'grant.success', listener: (ctx: { body?: unknown }) => void): void;
  Grant: new (properties: { accountId: string; clientId: string }) => OidcGrant;
}
interface OidcGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface OidcContext {
  oidc: {
    client?: { clientId: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamScopes: Set<string>;
    requestParamClaims: Set<string>;
    provider: ProviderInstance & { Grant: { find(id: string): Promise<OidcGrant | undefined> } };
  };
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

function providerClass(): ProviderConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package without types, loaded through require(esm)
  const loaded = require('oidc-provider') as { default?: ProviderConstructor; Provider?: ProviderConstructor };
  const Provider = loaded.Provider ?? loaded.default;
  if (Provider === undefined) throw new Error('oidc-provider did not load');
  return Provider;
}

export async function startOidcProvider(options: {
  certificates: TestCertificates;
  accounts: Record<string, TestAccount>;
  clients: TestClient[];
}): Promise<TestOidcProvider> {
  const server: Server = createServer({ cert: options.certificates.serverCert, key: options.certificates.serverKey });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  const Provider = providerClass();
  // The provider warns that the in-memory adapter and the development login form are for tests only: they are.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args);
  };
  let provider: ProviderInstance;
  try {
    provider = new Provider(issuer, {
      clients: options.clients.map((client) => ({
        grant_types: ['authorization_code'],
        response_types: ['code'],
        ...client,
      })),
      jwks: { keys: [signingKey] },
      cookies: { keys: ['driftless-test-cookie-key'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      features: { devInteractions: { enabled: true }, claimsParameter: { enabled: true } },
      findAccount: (_ctx: unknown, id: string) => {
        const account = options.accounts[id];
        if (account === undefined) return undefined;
        return {
          accountId: id,
          claims: (use: string) => ({
            sub: id,
            ...(account.email !== undefined ? { email: account.email, email_verified: true } : {}),
            ...(account.name !== undefined ? { name: account.name } : {}),
            ...(account.groups !== undefined ? { groups: account.groups } : {}),
            ...account.extra,
            ...(use === 'userinfo' ? account.userInfoOnly : {}),
          }),
        };
      },
      // First-party test clients: consent is granted for whatever they ask, so a login is one form post.
      loadExistingGrant: async (ctx: OidcContext) => {
        const { oidc } = ctx;
        const clientId = oidc.client?.clientId;
        const accountId = oidc.session?.accountId;
        if (clientId === undefined || accountId === undefined) return undefined;
        const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
        if (existing !== undefined) return oidc.provider.Grant.find(existing);
        const grant = new oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
        grant.addOIDCClaims([...oidc.requestParamClaims]);
        await grant.save();
        return grant;
      },
      ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Session: 3_600, Interaction: 600, Grant: 3_600 },
      renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
        ctx.type = 'text/plain';
        ctx.body = `${out['error'] ?? 'error'}: ${out['error_description'] ?? ''}`;
      },
    });
  } finally {
    console.warn = warn;
  }
  const issued: { id_token?: string; access_token?: string }[] = [];
  provider.on('grant.success', (ctx) => issued.push({ ...(ctx.body as object) }));
  server.on('request', provider.callback());
  return {
    issuer,
    issuedTokens: () => [...issued],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BrowserResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** The Set-Cookie lines of this response. */
  cookies: string[];
}

/**
 * Enough of a browser for OAuth flows: cookies kept per host (ports share
 * them, as in browsers), redirects followed by hand, the test CA trusted.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, { value: string; path: string }>>();
  private readonly agent: Agent;

  constructor(caCert: string) {
    this.agent = new Agent({ connect: { ca: caCert } });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  /** One request (no redirect followed). */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<BrowserResponse> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookies = this.cookiesFor(target);
    if (cookies !== '') headers['cookie'] = cookies;
    let body: string | undefined;
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response: Response = await fetch(target, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      redirect: 'manual',
      dispatcher: this.agent,
      ...(body === undefined ? {} : { body }),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(target, line);
    return {
      url: target.href,
      status: response.status,
      headers: response.headers as unknown as Headers,
      body: await response.text(),
      cookies: setCookies,
    };
  }

  /**
   * Follows redirects from `url` until an answer that is not a redirect, or until the next hop
   * matches `stopBefore` (then `next` is that hop's URL and nothing was requested there).
   */
  async follow(
    url: string,
    options: { stopBefore?: (next: URL) => boolean; form?: Record<string, string> } = {},
  ): Promise<{ response: BrowserResponse; next: string | undefined }> {
    let response = await this.request(url, options.form === undefined ? {} : { form: options.form });
    for (let hops = 0; hops < 20; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, next: undefined };
      const next = new URL(location, response.url);
      if (options.stopBefore?.(next)) return { response, next: next.href };
      response = await this.request(next.href);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /**
   * Signs in on the provider's development login form shown by `page` (any password), and
   * consents when the provider asks (it always asks native clients such as a CLI).
   */
  async signIn(
    page: BrowserResponse,
    login: string,
    stopBefore?: (next: URL) => boolean,
  ): Promise<{ response: BrowserResponse; next: string | undefined }> {
    let result = await this.submit(page, { prompt: 'login', login, password: 'any-password' }, stopBefore);
    if (result.next === undefined && /name="prompt" value="consent"/.test(result.response.body))
      result = await this.submit(result.response, { prompt: 'consent' }, stopBefore);
    return result;
  }

  private submit(page: BrowserResponse, form: Record<string, string>, stopBefore?: (next: URL) => boolean) {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    if (action === undefined) throw new Error(`no form at ${page.url}: ${page.body.slice(0, 300)}`);
    return this.follow(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
      form,
      ...(stopBefore ? { stopBefore } : {}),
    });
  }

  private cookiesFor(url: URL): string {
    const cookies = this.jar.get(url.hostname);
    if (cookies === undefined) return '';
    return [...cookies]
      .filter(([, cookie]) => pathMatches(url.pathname, cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  private store(url: URL, line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    let path = '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = attributeValue || '/';
      if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
      if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) < Date.now()) expired = true;
    }
    const cookies = this.jar.get(url.hostname) ?? new Map<string, { value: string; path: string }>();
    this.jar.set(url.hostname, cookies);
    if (expired) cookies.delete(name);
    else cookies.set(name, { value, path });
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  const prefix = cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`;
  return requestPath.startsWith(prefix);
}
