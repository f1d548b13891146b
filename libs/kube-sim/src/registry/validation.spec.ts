import type { KubeObject } from '../store/kube-object';
import { validateImmutable, validateName, validateObject } from './validation';

describe('validation of built-in kinds', () => {
  it('checks names per kind', () => {
    expect(validateName('ConfigMap', 'a.b-c')).toEqual([]);
    expect(validateName('ConfigMap', 'Upper')).toHaveLength(1);
    expect(validateName('Namespace', 'a.b')).toHaveLength(1);
    expect(validateName('Service', '1abc')).toHaveLength(1);
    expect(validateName('ConfigMap', '')[0]?.message).toContain('name or generateName is required');
  });

  it('requires a selector matching the template labels and containers with images', () => {
    const deployment: KubeObject = {
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c' }] } },
      },
    };
    expect(validateObject(deployment).map((cause) => cause.field)).toEqual([
      'spec.template.metadata.labels',
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('rejects non-string ConfigMap data and bad label values', () => {
    expect(
      validateObject({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } }).map((cause) => cause.field),
    ).toEqual(['data']);
    expect(validateObject({ kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'not valid!' } } })).toHaveLength(1);
  });

  it('refuses selector changes on Deployments', () => {
    const before: KubeObject = { kind: 'Deployment', metadata: {}, spec: { selector: { matchLabels: { app: 'a' } } } };
    const after: KubeObject = { kind: 'Deployment', metadata: {}, spec: { selector: { matchLabels: { app: 'b' } } } };
    expect(validateImmutable(before, after)[0]?.message).toContain('field is immutable');
  });
});
