import { ResourceFilterError, resourceFilterFrom } from './resource-filter';

describe('resourceFilterFrom', () => {
  it('always excludes events, metrics and leases, and applies the installed defaults without resource.exclusions', () => {
    const filter = resourceFilterFrom({});
    expect(filter.isExcluded('', 'Event', 'https://a')).toBe(true);
    expect(filter.isExcluded('events.k8s.io', 'Event', 'https://a')).toBe(true);
    expect(filter.isExcluded('metrics.k8s.io', 'PodMetrics', 'https://a')).toBe(true);
    expect(filter.isExcluded('coordination.k8s.io', 'Lease', 'https://a')).toBe(true);
    expect(filter.isExcluded('', 'Endpoints', 'https://a')).toBe(true);
    expect(filter.isExcluded('cilium.io', 'CiliumIdentity', 'https://a')).toBe(true);
    expect(filter.isExcluded('apps', 'Deployment', 'https://a')).toBe(false);
    expect(filter.isExcluded('', 'ConfigMap', 'https://a')).toBe(false);
  });

  it('replaces the installed defaults with argocd-cm resource.exclusions, globs and clusters included', () => {
    const filter = resourceFilterFrom({
      'resource.exclusions': '- apiGroups: ["*.example.com"]\n  kinds: ["*"]\n  clusters: ["https://prod-*"]\n',
    });
    expect(filter.isExcluded('', 'Endpoints', 'https://prod-1')).toBe(false);
    expect(filter.isExcluded('a.example.com', 'Widget', 'https://prod-1')).toBe(true);
    expect(filter.isExcluded('a.example.com', 'Widget', 'https://staging')).toBe(false);
    expect(filter.isExcluded('', 'Event', 'https://staging')).toBe(true);
  });

  it('watches only what resource.inclusions lists when it is set', () => {
    const filter = resourceFilterFrom({
      'resource.inclusions': '- apiGroups: ["apps", ""]\n  kinds: [Deployment, ConfigMap]\n',
    });
    expect(filter.isExcluded('apps', 'Deployment', 'x')).toBe(false);
    expect(filter.isExcluded('', 'ConfigMap', 'x')).toBe(false);
    expect(filter.isExcluded('', 'Secret', 'x')).toBe(true);
    expect(filter.isExcluded('batch', 'Job', 'x')).toBe(true);
  });

  it('names the key and the rule of a malformed setting', () => {
    expect(() => resourceFilterFrom({ 'resource.exclusions': 'kinds: [A]' })).toThrow(
      new ResourceFilterError('argocd-cm resource.exclusions must be a list of {apiGroups, kinds, clusters} rules'),
    );
    expect(() => resourceFilterFrom({ 'resource.inclusions': '- kinds: Deployment' })).toThrow(
      'argocd-cm resource.inclusions[0].kinds must be a list of strings',
    );
    expect(() => resourceFilterFrom({ 'resource.exclusions': '- [' })).toThrow(/resource.exclusions is not YAML/);
  });
});
