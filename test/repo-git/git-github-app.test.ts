// GitHub App credentials: the app JWT is exchanged at a stand-in for GitHub's
// API (which checks its signature) for an installation token, which git sends
// as Basic x-access-token; the token is cached until shortly before it expires.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { egressPolicy } from '../../core/src/repo/egress';
import { GitCache } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import {
  makeGitHubApp,
  makeRepo,
  startFakeGitHubApi,
  startGitHttpServer,
  type FakeGitHubApi,
  type GitHttpServer,
  type GitHubApp,
  type TestRepo,
} from '../support/git-servers';
import { caught, visibleText, removeTestDir } from './helpers';

const installationToken = 'ghs_canaryInstallationToken0123456789';

describe('GitCache with GitHub App credentials', () => {
  let root: string;
  let app: GitHubApp;
  let api: FakeGitHubApi;
  let server: GitHttpServer;
  let repo: TestRepo;

  const appCredentials = (privateKey: string): RepositoryConfig => ({
    url: '',
    type: 'git',
    source: 'argocd/github-app',
    githubAppID: app.appId,
    githubAppInstallationID: app.installationId,
    githubAppPrivateKey: privateKey,
  });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-ghapp-'));
    app = makeGitHubApp();
    api = await startFakeGitHubApi(app, installationToken);
    repo = await makeRepo(join(root, 'repos', 'org-repo.git'), { 'kustomization.yaml': 'resources: []\n' });
    server = await startGitHttpServer({
      reposRoot: join(root, 'repos'),
      basicAuth: { username: 'x-access-token', password: installationToken },
    });
  });

  afterAll(async () => {
    await server.close();
    await api.close();
    await removeTestDir(root);
  });

  it('exchanges a signed app JWT for an installation token and caches it', async () => {
    const cache = new GitCache({
      root: join(root, 'cache'),
      allowFileUrls: false,
      githubApiBase: api.url,
      lsRemoteCacheMs: 0,
    });
    const access = { url: `${server.url}/org-repo.git`, credentials: appCredentials(app.privateKeyPem) };
    const { commit } = await cache.resolveRevision(access, 'main');
    expect(commit).toBe(repo.commits[0]);
    const checkout = await cache.checkout(access, commit);
    expect(await readFile(join(checkout.dir, 'kustomization.yaml'), 'utf8')).toBe('resources: []\n');
    await cache.resolveRevision(access, 'main');
    expect(api.exchanges).toBe(1);
  });

  it('uses githubAppEnterpriseBaseUrl when set', async () => {
    const cache = new GitCache({
      root: join(root, 'cache-ghe'),
      allowFileUrls: false,
      githubApiBase: 'http://127.0.0.1:1',
    });
    const credentials = { ...appCredentials(app.privateKeyPem), githubAppEnterpriseBaseUrl: api.url };
    await expect(
      cache.resolveRevision({ url: `${server.url}/org-repo.git`, credentials }, 'main'),
    ).resolves.toMatchObject({
      commit: repo.commits[0],
    });
  });

  it('answers AUTH_FAILED when GitHub rejects the JWT, without the key or the API body', async () => {
    const other = makeGitHubApp(app.appId, app.installationId);
    const cache = new GitCache({ root: join(root, 'cache-bad'), allowFileUrls: false, githubApiBase: api.url });
    const error = await caught(
      cache.resolveRevision(
        { url: `${server.url}/org-repo.git`, credentials: appCredentials(other.privateKeyPem) },
        'main',
      ),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('HTTP 401');
    const text = visibleText(error);
    expect(text).not.toContain('JSON web token');
    for (const line of other.privateKeyPem.split('\n').filter((line) => line.length > 20))
      expect(text).not.toContain(line);
  });

  it('applies the egress policy to githubAppEnterpriseBaseUrl (BI-SSRF-1): no JWT leaves for a refused address', async () => {
    const cache = new GitCache({
      root: join(root, 'cache-egress'),
      allowFileUrls: false,
      lsRemoteCacheMs: 0,
      egress: {
        policy: egressPolicy({ deny: [], allow: ['10.0.0.0/8'] }),
        // The git server's own name must pass to get as far as the token exchange.
        lookup: (host) => Promise.resolve(host === 'git.test' ? ['10.0.0.1'] : ['127.0.0.1']),
      },
    });
    const before = api.exchanges;
    const credentials = {
      ...appCredentials(app.privateKeyPem),
      githubAppEnterpriseBaseUrl: api.url.replace('127.0.0.1', 'ghe.test'),
    };
    const error = await caught(cache.resolveRevision({ url: 'https://git.test/org-repo.git', credentials }, 'main'));
    expect(error.code).toBe('FORBIDDEN_URL');
    expect(error.message).toContain(
      'GitHub App authentication for repository https://git.test/org-repo.git: the repo-server may not connect to ghe.test',
    );
    expect(api.exchanges).toBe(before);
  });
});
