import { builtinTypes } from '../registry/builtin-types';
import type { KubeObject } from '../store/kube-object';
import { humanDuration, toTable } from './table';

describe('server-side printing', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [45 * 60_000, '45m'],
    [5 * 3_600_000 + 30 * 60_000, '5h30m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000 + 2 * 3_600_000, '3d2h'],
    [400 * 86_400_000, '400d'],
    [800 * 86_400_000, '2y'],
  ])('prints %d ms as %s', (milliseconds, expected) => {
    expect(humanDuration(milliseconds)).toBe(expected);
  });

  it('prints pod columns with readiness, status and restarts', () => {
    const podType = builtinTypes.find((type) => type.kind === 'Pod')!;
    const pod: KubeObject = {
      kind: 'Pod',
      metadata: { name: 'web-1', creationTimestamp: new Date(Date.now() - 3000).toISOString() },
      spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'sim-node-1' },
      status: {
        phase: 'Running',
        podIP: '10.244.0.9',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} } },
          { name: 'b', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    };
    const table = toTable(podType, 'v1', [pod], { includeObject: null });
    expect(
      (table.columnDefinitions as { name: string; priority: number }[]).map(
        (column) => `${column.name}:${column.priority}`,
      ),
    ).toEqual(['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1']);
    const [row] = table.rows as { cells: unknown[]; object: { kind: string } }[];
    expect(row?.cells).toEqual([
      'web-1',
      '1/2',
      'CrashLoopBackOff',
      '3',
      expect.stringMatching(/^[34]s$/),
      '10.244.0.9',
      'sim-node-1',
    ]);
    expect(row?.object.kind).toBe('PartialObjectMetadata');
  });

  it('prints a custom resource with its additionalPrinterColumns', () => {
    const type = {
      ...builtinTypes[0]!,
      group: 'example.com',
      kind: 'Widget',
      plural: 'widgets',
      crdName: 'widgets.example.com',
      versions: ['v1'],
      printerColumns: {
        v1: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase', priority: 1 },
        ],
      },
    };
    const widget: KubeObject = {
      kind: 'Widget',
      metadata: { name: 'w', creationTimestamp: new Date().toISOString() },
      spec: { size: 3 },
      status: { phase: 'Ready' },
    };
    const table = toTable(type, 'v1', [widget], { includeObject: 'Object' });
    expect((table.columnDefinitions as { name: string }[]).map((column) => column.name)).toEqual([
      'Name',
      'Size',
      'Phase',
      'Age',
    ]);
    const [row] = table.rows as { cells: unknown[]; object: KubeObject }[];
    expect(row?.cells.slice(0, 3)).toEqual(['w', 3, 'Ready']);
    expect(row?.object).toBe(widget);
  });
});
