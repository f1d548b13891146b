import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Redis } from 'ioredis';
import { type ApplicationSource } from '@driftless/schema';
import { type RendererInput } from '@driftless/plugin-sdk';
import { ManifestCache } from './manifest-cache';
import { ManifestGenerator } from './manifest-generator';
import { type ManifestRequest } from './manifest-request';
import { type RenderHost, type SourceWorkspaces } from './render-ports';

/** Enough of ioredis for the cache: get/set/del on a Map. */
function memoryRedis(): Redis & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    get: (key: string) => Promise.resolve(store.get(key) ?? null),
    set: (key: string, value: string) => Promise.resolve(void store.set(key, value)),
    del: (key: string) => Promise.resolve(Number(store.delete(key))),
  } as unknown as Redis & { store: Map<string, string> };
}

describe('ManifestGenerator', () => {
  let workspace: string;
  let revision: string;
  /** path → object hash at the current revision */
  let hashes: Record<string, string | null>;
  let renders: RendererInput[];
  let redis: ReturnType<typeof memoryRedis>;
  let generator: ManifestGenerator;

  const sources: SourceWorkspaces = {
    resolve: () => Promise.resolve(revision),
    open: () => Promise.resolve(workspace),
    objectHashes: (_source, _revision, paths) =>
      Promise.resolve(Object.fromEntries(paths.map((path) => [path, hashes[path] ?? null]))),
  };
  const host: RenderHost = {
    renderers: () => [
      {
        id: 'builtin.directory',
        key: 'builtin.directory@1',
        name: 'Directory',
        block: 'directory',
        files: [],
        dynamic: false,
        precedence: 0,
      },
      {
        id: 'builtin.helm',
        key: 'builtin.helm@1',
        name: 'Helm',
        block: 'helm',
        files: ['Chart.yaml'],
        dynamic: false,
        precedence: 0,
      },
    ],
    detect: () => Promise.resolve(false),
    render: (renderer, input) => {
      renders.push(input);
      return Promise.resolve({
        manifests: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${renderer.name}-${input.app.revision}` } },
        ],
        dependencies: [input.path, 'shared'],
      });
    },
  };
  const source: ApplicationSource = {
    repoURL: 'https://git.example.com/repo.git',
    path: 'apps/web',
    targetRevision: 'main',
  };
  const request: ManifestRequest = {
    app: { name: 'web', namespace: 'argocd', project: 'default' },
    source,
    destination: { server: 'https://kubernetes.default.svc', namespace: 'prod' },
    kubeVersion: '1.31.0',
    apiVersions: ['v1'],
    tracking: { method: 'annotation', labelKey: 'app.kubernetes.io/instance' },
  };

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'driftless-gen-'));
    await mkdir(join(workspace, 'apps', 'web'), { recursive: true });
    await writeFile(join(workspace, 'apps', 'web', 'cm.yaml'), '');
    revision = 'a'.repeat(40);
    hashes = { 'apps/web': 'tree-web-1', shared: 'tree-shared-1', '.': 'root-1' };
    renders = [];
    redis = memoryRedis();
    generator = new ManifestGenerator({
      sources,
      host,
      cache: new ManifestCache(redis, { prefix: 'test:', ttlSeconds: 60 }),
      settings: () => Promise.resolve({}),
      controlNamespace: 'argocd',
    });
  });

  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('renders with the detected renderer and tracks what it rendered', async () => {
    const response = await generator.generate(request);
    expect(response).toMatchObject({ revision, sourceType: 'Directory', cache: 'miss' });
    expect(response.manifests[0]?.metadata.annotations).toEqual({
      'argocd.argoproj.io/tracking-id': `web:/ConfigMap:prod/Directory-${revision}`,
    });
    expect(renders[0]).toMatchObject({
      path: 'apps/web',
      options: {},
      app: { destinationNamespace: 'prod', revision },
    });
  });

  it('answers the same revision from the cache, and again when asked not to', async () => {
    await generator.generate(request);
    expect((await generator.generate(request)).cache).toBe('revision');
    expect((await generator.generate({ ...request, noCache: true })).cache).toBe('miss');
    expect(renders).toHaveLength(2);
  });

  it('reuses a render for a new commit that changed none of its dependencies', async () => {
    await generator.generate(request);
    revision = 'b'.repeat(40);
    hashes['.'] = 'root-2';
    const reused = await generator.generate(request);
    expect(reused).toMatchObject({ cache: 'content', revision });
    expect(renders).toHaveLength(1);
    hashes.shared = 'tree-shared-2';
    revision = 'c'.repeat(40);
    expect((await generator.generate(request)).cache).toBe('miss');
    expect(renders).toHaveLength(2);
  });

  it('asks a dynamic renderer to detect only when a setting it depends on is set', async () => {
    const asked: string[] = [];
    let settings: Record<string, string> = {};
    const dynamicHost: RenderHost = {
      ...host,
      renderers: () => [
        ...host.renderers(),
        {
          id: 'builtin.cmp',
          key: 'builtin.cmp@1',
          name: 'Plugin',
          block: 'plugin',
          files: [],
          dynamic: true,
          dynamicSettings: ['configManagementPlugins'],
          precedence: 0,
        },
      ],
      detect: (renderer) => {
        asked.push(renderer.id);
        return Promise.resolve(true);
      },
    };
    const dynamic = new ManifestGenerator({
      sources,
      host: dynamicHost,
      settings: () => Promise.resolve(settings),
      controlNamespace: 'argocd',
    });
    expect((await dynamic.generate(request)).sourceType).toBe('Directory');
    expect(asked).toEqual([]);
    settings = { configManagementPlugins: 'apiVersion: argoproj.io/v1alpha1\n' };
    expect((await dynamic.generate(request)).sourceType).toBe('Plugin');
    expect(asked).toEqual(['builtin.cmp']);
  });

  it('fetches the charts a renderer needs, renders again with them, and caches that render by revision only', async () => {
    const calls: { provided: unknown; overlays: unknown }[] = [];
    const needing: RenderHost = {
      ...host,
      render: (_renderer, input, context) => {
        calls.push({ provided: input.provided, overlays: context.overlays });
        if (!input.provided)
          return Promise.resolve({
            manifests: [],
            needs: {
              charts: [
                {
                  repository: 'https://charts.example.com',
                  name: 'redis',
                  version: '18.x',
                  into: 'apps/web/charts/redis',
                },
              ],
            },
          });
        return Promise.resolve({
          manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'with-redis' } }],
          dependencies: [input.path],
        });
      },
    };
    const withCharts: SourceWorkspaces = {
      ...sources,
      chart: (_repository, name) => Promise.resolve({ dir: `/charts/${name}`, version: '18.1.5' }),
    };
    const fetching = new ManifestGenerator({
      sources: withCharts,
      host: needing,
      cache: new ManifestCache(redis, { prefix: 'needs:', ttlSeconds: 60 }),
      settings: () => Promise.resolve({}),
      controlNamespace: 'argocd',
    });
    const response = await fetching.generate(request);
    expect(response.manifests.map((manifest) => manifest.metadata.name)).toEqual(['with-redis']);
    expect(calls).toEqual([
      { provided: undefined, overlays: undefined },
      {
        provided: {
          charts: [
            {
              repository: 'https://charts.example.com',
              name: 'redis',
              version: '18.x',
              into: 'apps/web/charts/redis',
              resolvedVersion: '18.1.5',
            },
          ],
          files: [],
        },
        overlays: { 'apps/web/charts/redis': '/charts/redis' },
      },
    ]);
    // A newer chart within 18.x can appear without a commit: the render entry only, no content-cache entry
    // (a render without needs stores both, see "reuses a render for a new commit …").
    expect([...redis.store.keys()].filter((key) => key.startsWith('needs:'))).toHaveLength(1);
  });

  it('shares one render between identical concurrent requests', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => generator.generate(request)));
    expect(renders).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.manifests[0]?.metadata.name)).size).toBe(1);
  });

  it('drops a corrupted cache entry and renders again', async () => {
    await generator.generate(request);
    for (const [key, value] of redis.store) redis.store.set(key, value.replace('ConfigMap', 'ConfigMaq'));
    expect((await generator.generate(request)).cache).toBe('miss');
  });

  it('names the app in errors: a path outside the repository, a missing path, two renderer blocks', async () => {
    await expect(generator.generate({ ...request, source: { ...source, path: '../x' } })).rejects.toThrow(
      'application argocd/web: source path "../x" leaves the repository root',
    );
    hashes['apps/gone'] = null;
    await expect(generator.generate({ ...request, source: { ...source, path: 'apps/gone' } })).rejects.toThrow(
      'application argocd/web: path "apps/gone" does not exist',
    );
    await expect(generator.generate({ ...request, source: { ...source, helm: {}, directory: {} } })).rejects.toThrow(
      'application argocd/web: multiple application sources defined: helm, directory',
    );
  });
});
