import type { JsonObject, ManagedFieldsEntry } from '../store/kube-object';
import { fromFieldsV1, SEPARATOR } from './field-set';
import { builtinMergeSchema } from './schema';
import { serverSideApply, trackUpdate } from './server-side-apply';

const now = '2026-01-01T00:00:00Z';
const schema = builtinMergeSchema('Deployment');

function apply(current: JsonObject | undefined, applied: JsonObject, manager: string, force = false): JsonObject {
  const result = serverSideApply({ current, applied, manager, force, schema, apiVersion: 'apps/v1', now });
  return {
    ...result.object,
    metadata: { ...(result.object.metadata as JsonObject), managedFields: result.managedFields },
  };
}

function owned(object: JsonObject, manager: string): string[] {
  const entries = (object.metadata as { managedFields: ManagedFieldsEntry[] }).managedFields;
  const entry = entries.find((candidate) => candidate.manager === manager);
  return entry ? [...fromFieldsV1(entry.fieldsV1)].map((path) => path.split(SEPARATOR).join(' ')).sort() : [];
}

const base = (containers: JsonObject[], replicas?: number): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { ...(replicas !== undefined ? { replicas } : {}), template: { spec: { containers } } },
});

describe('server-side apply', () => {
  it('records the applied fields, with keyed list items, for the manager', () => {
    const object = apply(undefined, base([{ name: 'web', image: 'a' }], 2), 'alice');
    expect(owned(object, 'alice')).toEqual([
      'f:spec f:replicas',
      'f:spec f:template f:spec f:containers k:{"name":"web"} .',
      'f:spec f:template f:spec f:containers k:{"name":"web"} f:image',
      'f:spec f:template f:spec f:containers k:{"name":"web"} f:name',
    ]);
  });

  it('merges keyed list items from two managers and lets them co-own equal values', () => {
    const first = apply(undefined, base([{ name: 'web', image: 'a' }]), 'alice');
    const second = apply(
      first,
      base([
        { name: 'sidecar', image: 'b' },
        { name: 'web', image: 'a' },
      ]),
      'bob',
    );
    expect(
      ((second.spec as JsonObject).template as { spec: { containers: { name: string }[] } }).spec.containers.map(
        (container) => container.name,
      ),
    ).toEqual(['web', 'sidecar']);
    expect(owned(second, 'alice')).toContain('f:spec f:template f:spec f:containers k:{"name":"web"} f:image');
    expect(owned(second, 'bob')).toContain('f:spec f:template f:spec f:containers k:{"name":"web"} f:image');
  });

  it('reports a conflict when another manager owns a field with a different value, and force takes it over', () => {
    const first = apply(undefined, base([{ name: 'web', image: 'a' }], 2), 'alice');
    expect(() => apply(first, base([], 5), 'bob')).toThrow(/conflict with "alice" using apps\/v1: \.spec\.replicas/);
    const forced = apply(first, base([], 5), 'bob', true);
    expect((forced.spec as JsonObject).replicas).toBe(5);
    expect(owned(forced, 'alice')).not.toContain('f:spec f:replicas');
    expect(owned(forced, 'bob')).toContain('f:spec f:replicas');
  });

  it('removes fields a manager stops applying unless someone else owns them', () => {
    const first = apply(
      undefined,
      {
        ...base(
          [
            { name: 'web', image: 'a' },
            { name: 'extra', image: 'e' },
          ],
          2,
        ),
        metadata: { name: 'web', labels: { a: '1', b: '2' } },
      },
      'alice',
    );
    const shared = apply(first, { ...base([]), metadata: { name: 'web', labels: { b: '2' } } }, 'bob');
    const second = apply(
      shared,
      { ...base([{ name: 'web', image: 'a' }]), metadata: { name: 'web', labels: {} } },
      'alice',
    );
    expect((second.metadata as JsonObject).labels).toEqual({ b: '2' });
    expect((second.spec as JsonObject).replicas).toBeUndefined();
    expect(
      ((second.spec as JsonObject).template as { spec: { containers: { name: string }[] } }).spec.containers.map(
        (container) => container.name,
      ),
    ).toEqual(['web']);
  });

  it('keys container ports by containerPort and protocol, so 53/UDP and 53/TCP stay apart', () => {
    const dns = [
      { name: 'dns', image: 'coredns:1', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] },
    ];
    const object = apply(undefined, base(dns), 'alice');
    const ports = ((object.spec as JsonObject).template as { spec: { containers: { ports: unknown[] }[] } }).spec
      .containers[0]?.ports;
    expect(ports).toEqual([{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }]);
    expect(owned(object, 'alice')).toEqual(
      expect.arrayContaining([
        'f:spec f:template f:spec f:containers k:{"name":"dns"} f:ports k:{"containerPort":53,"protocol":"UDP"} .',
        'f:spec f:template f:spec f:containers k:{"name":"dns"} f:ports k:{"containerPort":53,"protocol":"TCP"} .',
      ]),
    );
    const again = apply(
      object,
      base([{ name: 'dns', image: 'coredns:1', ports: [{ containerPort: 53, protocol: 'UDP' }] }]),
      'alice',
    );
    expect(
      ((again.spec as JsonObject).template as { spec: { containers: { ports: unknown[] }[] } }).spec.containers[0]
        ?.ports,
    ).toEqual([{ containerPort: 53, protocol: 'UDP' }]);
  });

  it('lets an update take ownership of the fields it changes', () => {
    const first = apply(undefined, base([{ name: 'web', image: 'a' }], 2), 'alice');
    const updated = structuredClone(first);
    (updated.spec as JsonObject).replicas = 3;
    const managedFields = trackUpdate(first, updated, 'kubectl-scale', 'apps/v1', schema, now);
    const result = { ...updated, metadata: { ...(updated.metadata as JsonObject), managedFields } };
    expect(owned(result, 'kubectl-scale')).toEqual(['f:spec f:replicas']);
    expect(owned(result, 'alice')).not.toContain('f:spec f:replicas');
    expect(managedFields.find((entry) => entry.manager === 'kubectl-scale')?.operation).toBe('Update');
  });
});
