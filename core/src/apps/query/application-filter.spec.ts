import { type ApplicationRow, facetCounts, filterRows, InvalidFilterError } from './application-filter';

const row = (name: string, overrides: Partial<ApplicationRow> = {}): ApplicationRow => ({
  key: `argocd/${name}`,
  name,
  project: 'default',
  clusters: ['https://kubernetes.default.svc', 'in-cluster'],
  destinationNamespace: 'web',
  repos: ['https://github.com/acme/apps'],
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  autoSync: false,
  labels: {},
  ...overrides,
});

const rows = [
  row('checkout', { project: 'shop', syncStatus: 'OutOfSync', labels: { team: 'shop', env: 'prod' } }),
  row('cart', { project: 'shop', healthStatus: 'Degraded', labels: { team: 'shop', env: 'staging' }, autoSync: true }),
  row('billing', {
    project: 'finance',
    clusters: ['https://prod.example.com', 'prod'],
    repos: ['https://github.com/acme/billing'],
  }),
  row('guestbook', { destinationNamespace: 'demo', labels: { legacy: 'true' } }),
];
const names = (list: readonly ApplicationRow[]) => list.map((item) => item.name);

describe('filterRows', () => {
  it('ANDs the filters and ORs the values within one', () => {
    expect(names(filterRows(rows, { projects: ['shop', 'finance'] }))).toEqual(['checkout', 'cart', 'billing']);
    expect(names(filterRows(rows, { projects: ['shop'], syncStatuses: ['Synced'] }))).toEqual(['cart']);
    expect(names(filterRows(rows, { clusters: ['prod'] }))).toEqual(['billing']);
    expect(names(filterRows(rows, { clusters: ['https://kubernetes.default.svc'], namespaces: ['demo'] }))).toEqual([
      'guestbook',
    ]);
    expect(names(filterRows(rows, { healthStatuses: ['Degraded'], autoSync: true }))).toEqual(['cart']);
    expect(names(filterRows(rows, { autoSync: false }))).toEqual(['checkout', 'billing', 'guestbook']);
  });

  it('matches repositories however their URL is written', () => {
    expect(names(filterRows(rows, { repos: ['https://GitHub.com/acme/billing.git/'] }))).toEqual(['billing']);
  });

  it('takes a Kubernetes label selector and a case-insensitive name search', () => {
    expect(names(filterRows(rows, { labelSelector: 'team=shop,env in (prod)' }))).toEqual(['checkout']);
    expect(names(filterRows(rows, { labelSelector: '!legacy,team notin (shop)' }))).toEqual(['billing']);
    expect(names(filterRows(rows, { search: 'BOOK' }))).toEqual(['guestbook']);
    expect(names(filterRows(rows, {}))).toEqual(names(rows));
  });

  it('refuses a label selector it cannot read, saying where', () => {
    expect(() => filterRows(rows, { labelSelector: 'team in shop' })).toThrow(InvalidFilterError);
    expect(() => filterRows(rows, { labelSelector: 'team in shop' })).toThrow(/^labelSelector: "team in shop"/);
  });
});

describe('facetCounts', () => {
  it('counts every value over the rows the other filters leave', () => {
    const facets = facetCounts(rows, { projects: ['shop'], syncStatuses: ['OutOfSync'] });
    // The sync facet ignores its own filter: both shop apps, one of each status.
    expect(facets.syncStatus).toEqual([
      { value: 'OutOfSync', count: 1 },
      { value: 'Synced', count: 1 },
    ]);
    // The project facet ignores the project filter: every OutOfSync app, whatever its project.
    expect(facets.project).toEqual([{ value: 'shop', count: 1 }]);
    // Other facets count what both filters leave: checkout.
    expect(facets.healthStatus).toEqual([{ value: 'Healthy', count: 1 }]);
    expect(facets.autoSync).toEqual([{ value: 'false', count: 1 }]);
  });

  it('sorts by count then value, and counts a row once per value', () => {
    const facets = facetCounts(rows, {});
    expect(facets.project).toEqual([
      { value: 'shop', count: 2 },
      { value: 'default', count: 1 },
      { value: 'finance', count: 1 },
    ]);
    expect(facets.cluster.slice(0, 2)).toEqual([
      { value: 'https://kubernetes.default.svc', count: 3 },
      { value: 'in-cluster', count: 3 },
    ]);
    expect(facets.repo).toEqual([
      { value: 'https://github.com/acme/apps', count: 3 },
      { value: 'https://github.com/acme/billing', count: 1 },
    ]);
  });
});
