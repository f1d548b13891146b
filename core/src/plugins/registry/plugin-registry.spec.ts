import { type Contributions, type ExtensionPoint } from '@driftless/plugin-sdk';
import { groupKindKey } from './contribution-keys';
import { PluginRegistry, type RegistryEntry } from './plugin-registry';

function entry(id: string, point: ExtensionPoint, contributes: Contributions, precedence = 0): RegistryEntry {
  return {
    id,
    version: '1.0.0',
    key: `${id}@1.0.0`,
    extensionPoint: point,
    precedence,
    contributes,
    origin: 'installed',
  };
}

describe('PluginRegistry', () => {
  const registry = new PluginRegistry();
  registry.set(entry('builtin.health', 'health', { health: { resources: [{ group: '*', kind: '*' }] } }));
  registry.set(
    entry('acme.rollouts', 'health', { health: { resources: [{ group: 'argoproj.io', kind: 'Rollout' }] } }),
  );
  registry.set(entry('acme.apps', 'health', { health: { resources: [{ group: 'apps', kind: '*' }] } }));
  registry.set(entry('acme.slack', 'notifier', { notifier: { services: ['slack'] } }, 10));
  registry.set(entry('other.slack', 'notifier', { notifier: { services: ['slack', 'teams'] } }, 10));
  registry.set(entry('zeta.slack', 'notifier', { notifier: { services: ['slack'] } }, -5));

  it('picks the most specific pattern when precedence is equal', () => {
    expect(registry.lookup('health', groupKindKey('argoproj.io/v1alpha1', 'Rollout'))?.id).toBe('acme.rollouts');
    expect(registry.lookup('health', groupKindKey('apps/v1', 'Deployment'))?.id).toBe('acme.apps');
    expect(registry.lookup('health', groupKindKey('v1', 'Pod'))?.id).toBe('builtin.health');
  });

  it('lets declared precedence beat specificity', () => {
    registry.set(entry('override.all', 'health', { health: { resources: [{ group: '*', kind: '*' }] } }, 100));
    expect(registry.lookup('health', 'argoproj.io/Rollout')?.id).toBe('override.all');
    registry.delete('override.all');
  });

  it('lists every plugin that claims a key, best first, for sequential and parallel points', () => {
    expect(registry.matching('notifier', 'slack').map((found) => found.id)).toEqual([
      'acme.slack',
      'other.slack',
      'zeta.slack',
    ]);
    expect(registry.lookup('notifier', 'email')).toBeUndefined();
  });

  it('reports conflicts with their winner, and ties', () => {
    expect(registry.conflicts()).toEqual([
      {
        extensionPoint: 'notifier',
        key: 'slack',
        winner: 'acme.slack',
        shadowed: ['other.slack', 'zeta.slack'],
        tie: true,
      },
    ]);
  });

  it('maps apiVersion and kind to the group/Kind key', () => {
    expect(groupKindKey('v1', 'ConfigMap')).toBe('/ConfigMap');
    expect(groupKindKey('apps/v1', 'Deployment')).toBe('apps/Deployment');
  });
});
