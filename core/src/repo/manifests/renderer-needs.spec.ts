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
    [{ charts: [] }, 'no list of charts'],
    [
      { charts: [need({ into: '../outside' })] },
      'the folder "../outside", which is not a plain path inside the workspace',
    ],
    [{ charts: [need({ into: '/etc' })] }, 'which is not a plain path inside the workspace'],
    [{ charts: [need({ into: 'a/./b' })] }, 'which is not a plain path inside the workspace'],
    [{ charts: [need(), need()] }, 'the folder "charts/web/charts/redis" twice'],
    [{ charts: [need({ version: '' })] }, 'a missing or unusable version'],
    [{ charts: Array.from({ length: 33 }, (_, index) => need({ into: `c/${index}` })) }, 'more than 32 charts'],
  ])('refuses a malformed answer %#', async (needs, message) => {
    const error = await fulfilNeeds(needs, sources, 'Helm').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManifestGenerationError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('renderer Helm asked for charts with');
  });

  it('explains that offline rendering does not fetch', async () => {
    const { resolve, open, objectHashes } = sources;
    const offline: SourceWorkspaces = { resolve, open, objectHashes };
    await expect(fulfilNeeds({ charts: [need()] }, offline, 'Helm')).rejects.toThrow(
      'chart dependency "redis" comes from https://charts.example.com, which offline rendering does not fetch: vendor it into charts/ (helm dependency build) or render through a repo-server',
    );
  });
});
