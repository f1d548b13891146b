// The repo-server path end to end: a kernel with the server and repo-server
// roles on real Redis and the embedded cluster; a client asks through the
// `manifests` queue for an app in a real git repository and reads the answer
// from the manifest cache.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestClient } from '../../core/src/repo/manifests/manifest-client.service';
import { type ManifestRequest } from '../../core/src/repo/manifests/manifest-request';
import { useKernelFixture } from '../support/kernel-fixture';

const base = mkdtempSync(join(tmpdir(), 'driftless-manifest-queue-'));
const repo = join(base, 'repo');

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  }).trim();
}

function write(path: string, content: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), content);
}

const configMap = (name: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

describe('manifest generation through the queue', () => {
  beforeAll(() => {
    mkdirSync(repo, { recursive: true });
    git('init', '-q', '-b', 'main');
    write('apps/web/config.yaml', configMap('web', 'one'));
    write('apps/api/config.yaml', configMap('api', 'one'));
    git('add', '-A');
    git('commit', '-qm', 'initial');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const fixture = useKernelFixture({
    roles: ['server', 'repo-server'],
    env: { DRIFTLESS_ALLOW_FILE_URLS: 'true', DRIFTLESS_REPO_CACHE_DIR: join(base, 'cache') },
  });

  const request = (path: string, name: string): ManifestRequest => ({
    app: { name, namespace: fixture.namespace, project: 'default' },
    source: { repoURL: `file://${repo}`, path, targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'prod' },
    kubeVersion: '1.34.0',
    apiVersions: [],
    tracking: { method: 'annotation', labelKey: 'app.kubernetes.io/instance' },
  });

  it('renders, then answers from the cache, then reuses the render for a commit that did not touch the app', async () => {
    const client = fixture.kernel.app.get(ManifestClient);
    const first = await client.generate(request('apps/web', 'web'));
    expect(first).toMatchObject({ sourceType: 'Directory', cache: 'miss', revision: git('rev-parse', 'HEAD') });
    expect(first.manifests).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'web', annotations: { 'argocd.argoproj.io/tracking-id': 'web:/ConfigMap:prod/web' } },
        data: { value: 'one' },
      },
    ]);
    expect((await client.generate(request('apps/web', 'web'))).cache).toBe('revision');

    write('apps/api/config.yaml', configMap('api', 'two'));
    git('commit', '-qam', 'change api only');
    await new Promise((resolve) => setTimeout(resolve, 3_100)); // the branch's commit is reused for 3 s
    const [web, api] = await Promise.all([
      client.generate(request('apps/web', 'web')),
      client.generate(request('apps/api', 'api')),
    ]);
    expect(web).toMatchObject({ cache: 'content', revision: git('rev-parse', 'HEAD') });
    expect(api).toMatchObject({ cache: 'miss' });
    expect(api.manifests[0]).toMatchObject({ data: { value: 'two' } });
  });

  it('fails a bad request with one line naming the app, and keeps serving', async () => {
    const client = fixture.kernel.app.get(ManifestClient);
    await expect(client.generate(request('apps/missing', 'ghost'))).rejects.toThrow(
      `application ${fixture.namespace}/ghost: path "apps/missing" does not exist`,
    );
    await expect(client.generate(request('../outside', 'escape'))).rejects.toThrow(
      `application ${fixture.namespace}/escape: source path "../outside" leaves the repository root`,
    );
    expect((await client.generate(request('apps/web', 'web'))).manifests).toHaveLength(1);
  });
});
