import { type ResourceStatus } from '@driftless/schema';
import { selectResources } from '../../../apps/operations/resource-selector';
import { parseResourceSelector } from './resource-selector';

describe('parseResourceSelector', () => {
  it.each([
    [':Service:web', { group: '', kind: 'Service', name: 'web', exclude: false }],
    ['apps:Deployment:web', { group: 'apps', kind: 'Deployment', name: 'web', exclude: false }],
    [
      'argoproj.io:Rollout:team-a/canary',
      { group: 'argoproj.io', kind: 'Rollout', namespace: 'team-a', name: 'canary', exclude: false },
    ],
    ['!*:Service:*', { group: '*', kind: 'Service', name: '*', exclude: true }],
  ])('reads %s', (text, selector) => {
    expect(parseResourceSelector(text)).toEqual(selector);
  });

  it.each([
    'Service:web',
    'apps:Deployment:web:extra',
    'apps::web',
    'apps:Deployment:',
    'apps:Deployment:a/b/c',
    ':Service:/web',
  ])('refuses %s as a usage error', (text) => {
    expect(() => parseResourceSelector(text)).toThrow(
      expect.objectContaining({ code: 'commander.invalidArgument', message: expect.stringContaining(text) }),
    );
  });
});

describe('selectResources', () => {
  const managed: ResourceStatus[] = [
    { group: '', version: 'v1', kind: 'Service', namespace: 'web', name: 'frontend', status: 'OutOfSync' },
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'web', name: 'frontend', status: 'Synced' },
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'jobs', name: 'frontend', status: 'Synced' },
    { group: '', version: 'v1', kind: 'Namespace', name: 'web', status: 'Synced' },
  ];
  const pick = (...texts: string[]) =>
    selectResources(
      texts.map((text) => parseResourceSelector(text)),
      managed,
    );

  it('sends the concrete resources a selector names, with their namespaces', () => {
    expect(pick('apps:Deployment:frontend')).toEqual([
      { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'frontend' },
      { group: 'apps', kind: 'Deployment', namespace: 'jobs', name: 'frontend' },
    ]);
  });

  it('narrows by namespace with NAMESPACE/NAME', () => {
    expect(pick('apps:Deployment:jobs/frontend')).toEqual([
      { group: 'apps', kind: 'Deployment', namespace: 'jobs', name: 'frontend' },
    ]);
  });

  it('leaves out cluster-scoped resources’ namespace', () => {
    expect(pick(':Namespace:web')).toEqual([{ group: '', kind: 'Namespace', name: 'web' }]);
  });

  it('takes everything but the excluded with only ! selectors, and * as a wildcard', () => {
    expect(pick('!apps:*:*').map((resource) => resource.kind)).toEqual(['Service', 'Namespace']);
    expect(pick('*:*:front*', '!:Service:*').map((resource) => resource.kind)).toEqual(['Deployment', 'Deployment']);
  });

  it('finds nothing when nothing matches', () => {
    expect(pick('apps:StatefulSet:frontend')).toEqual([]);
  });
});
