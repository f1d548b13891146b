import { readFile } from 'node:fs/promises';
import { type ChartNeed } from '@driftless/plugin-sdk';
import { ManifestGenerationError } from './manifest-generator-error';
import { type SourceWorkspaces } from './render-ports';
import { fulfilNeeds } from './renderer-needs';

const need = (overrides: Partial<ChartNeed> = {}): ChartNeed => ({
  repository: 'https://charts.example.com',
  name: 'redis',
  version: '18.x',
  into: 'charts/web/charts/redis',
  ...overrides,
});

describe('fulfilNeeds', () => {
  const fetched: string[] = [];
  const sources: SourceWorkspaces = {
    resolve: () => Promise.resolve(''),
    open: () => Promise.resolve(''),
    objectHashes: () => Promise.resolve(undefined),
    chart: (repository, name, version) => {
      fetched.push(`${repository} ${name} ${version}`);
      if (name === 'missing') return Promise.reject(new Error('the repository index has no such chart'));
      return Promise.resolve({ dir: `/cache/${name}`, version: '18.1.5' });
    },
    file: (url) => Promise.resolve(url.includes('missing') ? undefined : Buffer.from('replicas: 3\n')),
  };

  it('fetches each chart and hands back overlays and what was provided', async () => {
    const result = await fulfilNeeds(
      { charts: [need(), need({ name: 'pg', into: 'charts/web/charts/pg/' })] },
      sources,
      'Helm',
    );
    expect(fetched).toEqual(['https://charts.example.com redis 18.x', 'https://charts.example.com pg 18.x']);
    expect(result.overlays).toEqual({ 'charts/web/charts/redis': '/cache/redis', 'charts/web/charts/pg': '/cache/pg' });
    expect(result.provided.charts.map(({ name, resolvedVersion }) => `${name}@${resolvedVersion}`)).toEqual([
      'redis@18.1.5',
      'pg@18.1.5',
    ]);
  });

  it('names the chart and repository when a fetch fails', async () => {
    await expect(fulfilNeeds({ charts: [need({ name: 'missing' })] }, sources, 'Helm')).rejects.toThrow(
      'chart dependency "missing" 18.x from https://charts.example.com: the repository index has no such chart',
    );
  });

  it.each([
    [{ charts: [] }, 'charts with no list of charts'],
    [
      { charts: [need({ into: '../outside' })] },
      'the path "../outside", which is not a plain path inside the workspace',
    ],
    [{ charts: [need({ into: '/etc' })] }, 'which is not a plain path inside the workspace'],
    [{ charts: [need({ into: 'a/./b' })] }, 'which is not a plain path inside the workspace'],
    [{ charts: [need(), need()] }, 'the path "charts/web/charts/redis" twice'],
    [{ charts: [need({ version: '' })] }, 'charts with a missing or unusable version'],
    [{ charts: Array.from({ length: 33 }, (_, index) => need({ into: `c/${index}` })) }, 'more than 32 charts'],
    [{ files: [{ url: 'file:///etc/passwd', into: 'v.yaml' }] }, 'a file whose URL is not http(s)'],
    [{ files: [{ url: 'https://x.example/v.yaml', into: '../v.yaml' }] }, 'not a plain path inside the workspace'],
    [{}, 'nothing to fetch'],
  ])('refuses a malformed answer %#', async (needs, message) => {
    const error = await fulfilNeeds(needs, sources, 'Helm').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManifestGenerationError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(/^renderer Helm asked for .*; this is a bug in the renderer$/);
  });

  it('fetches files into a private folder it removes on cleanup; a missing optional one is left out', async () => {
    const result = await fulfilNeeds(
      {
        files: [
          { url: 'https://config.example/prod.yaml?token=secret', into: '.remote/values-0.yaml' },
          { url: 'https://config.example/missing.yaml', into: '.remote/values-1.yaml', optional: true },
        ],
      },
      sources,
      'Helm',
    );
    expect(result.provided.files).toEqual([
      { url: 'https://config.example/prod.yaml?token=secret', into: '.remote/values-0.yaml' },
    ]);
    const path = result.overlays['.remote/values-0.yaml'] as string;
    expect(await readFile(path, 'utf8')).toBe('replicas: 3\n');
    await result.cleanup();
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('fails on a missing required file, naming the URL without its query', async () => {
    await expect(
      fulfilNeeds(
        { files: [{ url: 'https://config.example/missing.yaml?token=secret', into: 'v.yaml' }] },
        sources,
        'Helm',
      ),
    ).rejects.toThrow(/^https:\/\/config\.example\/missing\.yaml does not exist \(HTTP 404\)$/);
  });

  it('explains that offline rendering does not fetch', async () => {
    const { resolve, open, objectHashes } = sources;
    // No chart or file fetching offline.
    const offline: SourceWorkspaces = { resolve, open, objectHashes };
    await expect(fulfilNeeds({ charts: [need()] }, offline, 'Helm')).rejects.toThrow(
      'chart dependency "redis" comes from https://charts.example.com, which offline rendering does not fetch: vendor it into charts/ (helm dependency build) or render through a repo-server',
    );
  });
});
