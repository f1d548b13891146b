// The repository egress policy (BI-SSRF-1): checked on the addresses a name
// resolves to, before git or a chart request connects, with git pinned to the
// checked address; refused in one line that names the host, never the
// address; the refused server sees no request.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { ChartCache, ChartError } from '../../core/src/repo/charts';
import { egressPolicy } from '../../core/src/repo/egress';
import { GitCache, GitError } from '../../core/src/repo/git';
import { ManifestService } from '../../core/src/repo/manifests/manifest.service';
import { indexRepository, packageChart, startHelmRepoServer, type HelmRepoServer } from '../support/chart-servers';
import { makeRepo, startGitHttpServer, type GitHttpServer } from '../support/git-servers';
import { useKernelFixture } from '../support/kernel-fixture';
import { rejectionOf } from '../support/rejection';
import { removeTestDir } from '../repo-git/helpers';

// Names only this test's lookup knows: git and the chart client can reach them
// only through the address the policy checked.
const names: Record<string, string[]> = {
  'git.test': ['127.0.0.1'],
  'charts.test': ['127.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'mixed.test': ['127.0.0.1', '169.254.169.254'],
};
const lookup = (host: string) =>
  names[host] ? Promise.resolve(names[host]) : Promise.reject(new Error(`getaddrinfo ENOTFOUND ${host}`));

describe('repository egress policy', () => {
  let root: string;
  let git: GitHttpServer;
  let charts: HelmRepoServer;
  let commit: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-egress-'));
    const repo = await makeRepo(join(root, 'repos', 'app.git'), {
      'app/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    commit = repo.commits[0] ?? '';
    git = await startGitHttpServer({ reposRoot: join(root, 'repos') });
    await packageChart(join(root, 'charts'), 'demo', '1.0.0');
    await indexRepository(join(root, 'charts'));
    charts = await startHelmRepoServer({ dir: join(root, 'charts') });
  });

  afterAll(async () => {
    await Promise.allSettled([git?.close(), charts?.close()]);
    if (root) await removeTestDir(root);
  });

  const port = (url: string) => new URL(url).port;

  describe('git', () => {
    let cache: GitCache;
    beforeAll(() => {
      cache = new GitCache({
        root: join(root, 'git-cache'),
        allowFileUrls: false,
        timeoutMs: 20_000,
        egress: { policy: egressPolicy({ deny: ['169.254.0.0/16'], allow: [] }), lookup },
      });
    });

    it('fetches through the checked address: git itself cannot resolve git.test, the pin makes it work', async () => {
      const url = `http://git.test:${port(git.url)}/app.git`;
      await expect(cache.resolveRevision({ url }, 'main')).resolves.toMatchObject({ commit });
      expect((await cache.checkout({ url }, commit)).commit).toBe(commit);
    });

    it('refuses a name resolving to a metadata address, or to one among others, before git runs', async () => {
      const before = git.authorizations.length;
      for (const host of ['metadata.test', 'mixed.test', '169.254.169.254']) {
        const error = await rejectionOf(
          cache.resolveRevision({ url: `http://${host}:${port(git.url)}/app.git` }, 'main'),
          GitError,
        );
        expect(error.code).toBe('FORBIDDEN_URL');
        expect(error.message).toContain(`may not connect to ${host}`);
        expect(error.message).not.toContain('\n');
        if (host !== '169.254.169.254') expect(error.message).not.toContain('169.254');
      }
      expect(git.authorizations.length).toBe(before);
    });

    it('reports a name that does not resolve in one line', async () => {
      const error = await rejectionOf(cache.resolveRevision({ url: 'https://nowhere.test/app.git' }, 'main'), GitError);
      expect(error.message).toBe(
        'git ls-remote for repository https://nowhere.test/app.git: the host name nowhere.test could not be resolved — check the repository URL and DNS',
      );
    });
  });

  describe('charts', () => {
    const newCache = async (allow: string[]) =>
      new ChartCache({
        root: await mkdtemp(join(root, 'charts-cache-')),
        egress: { policy: egressPolicy({ deny: ['169.254.0.0/16'], allow }), lookup },
      });

    it('connects through the checked lookup (charts.test exists only there)', async () => {
      const cache = await newCache([]);
      try {
        const url = `http://charts.test:${port(charts.url)}`;
        await expect(cache.resolveVersion({ url }, 'demo', '1.x')).resolves.toMatchObject({ version: '1.0.0' });
      } finally {
        await cache.close();
      }
    });

    it('refuses names and literal addresses outside the policy; the server sees nothing', async () => {
      const cache = await newCache(['10.0.0.0/8']);
      const before = charts.requests.length;
      try {
        for (const host of ['charts.test', '127.0.0.1', 'metadata.test']) {
          const error = await rejectionOf(
            cache.resolveVersion({ url: `http://${host}:${port(charts.url)}` }, 'demo', '1.x'),
            ChartError,
          );
          expect(error.message).toContain(`may not connect to ${host}`);
          expect(error.message).toContain('DRIFTLESS_REPO_EGRESS_DENY / DRIFTLESS_REPO_EGRESS_ALLOW');
        }
      } finally {
        await cache.close();
      }
      expect(charts.requests.length).toBe(before);
    });
  });

  describe('in the repo-server', () => {
    const fixture = useKernelFixture({
      roles: ['repo-server'],
      env: { DRIFTLESS_REPO_EGRESS_ALLOW: '10.0.0.0/8', DRIFTLESS_ALLOW_FILE_URLS: 'false' },
      prepare: async (cluster, namespace) => {
        await cluster.connection.kubeConfig
          .makeApiClient(CoreV1Api)
          .createNamespace({ body: { metadata: { name: namespace } } });
      },
    });

    it('refuses a loopback repository when only 10.0.0.0/8 is allowed, naming the app', async () => {
      const error = await rejectionOf(
        fixture.kernel.app.get(ManifestService).generate({
          app: { name: 'local', namespace: fixture.namespace, project: 'default' },
          source: { repoURL: `http://localhost:${port(git.url)}/app.git`, path: 'app', targetRevision: 'main' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'prod' },
          kubeVersion: '1.34.0',
          apiVersions: [],
          tracking: { method: 'label', labelKey: 'app.kubernetes.io/instance' },
        }),
        Error,
      );
      expect(error.message).toMatch(/^application t-[0-9a-f]+\/local: .*may not connect to localhost/);
      expect(error.message).not.toContain('\n');
    });
  });
});
