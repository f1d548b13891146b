import { applyResourceTreeDelta, applyTreeDelta, isEmptyDelta, resourceTreeDelta, treeDelta } from './tree-delta';
import { type TreeNode } from './tree-node';

const node = (uid: string, extra: Partial<TreeNode> = {}): TreeNode => ({
  group: '',
  kind: 'Pod',
  namespace: 'shop',
  name: uid,
  uid,
  version: 'v1',
  resourceVersion: '1',
  ...extra,
});

describe('tree delta', () => {
  it('is empty for the same tree', () => {
    const tree = [node('a', { health: { status: 'Healthy' } }), node('b')];
    expect(isEmptyDelta(treeDelta(tree, structuredClone(tree)))).toBe(true);
  });

  it('carries added and removed nodes and only the changed fields of the others', () => {
    const before = [node('a', { health: { status: 'Healthy' }, images: ['web:1'] }), node('b')];
    const after = [
      node('a', { resourceVersion: '2', health: { status: 'Degraded', message: 'CrashLoopBackOff' } }),
      node('c'),
    ];
    expect(treeDelta(before, after)).toEqual({
      added: [node('c')],
      updated: [
        {
          uid: 'a',
          resourceVersion: '2',
          health: { status: 'Degraded', message: 'CrashLoopBackOff' },
          cleared: ['images'],
        },
      ],
      removed: ['b'],
    });
  });

  it('rebuilds the new tree when applied to the old one', () => {
    const before = [node('a', { info: [{ name: 'Node', value: 'n1' }] }), node('b'), node('d', { createdAt: 'x' })];
    const after = [node('a', { info: [{ name: 'Node', value: 'n2' }] }), node('d'), node('e')];
    const sort = (nodes: TreeNode[]) => [...nodes].sort((x, y) => x.uid.localeCompare(y.uid));
    expect(sort(applyTreeDelta(before, treeDelta(before, after)))).toEqual(sort(after));
  });

  it('keeps orphanedNodes apart: an orphan that appears is an orphaned delta only', () => {
    const before = { nodes: [node('a')], orphanedNodes: [node('o1')] };
    const after = { nodes: [node('a')], orphanedNodes: [node('o1'), node('o2', { kind: 'ConfigMap' })] };
    const delta = resourceTreeDelta(before, after);
    expect(delta).toEqual({
      added: [],
      updated: [],
      removed: [],
      orphaned: { added: [node('o2', { kind: 'ConfigMap' })], updated: [], removed: [] },
    });
    expect(isEmptyDelta(delta)).toBe(false);
    expect(applyResourceTreeDelta(before, delta)).toEqual(after);
  });

  it('carries no orphaned part when the orphans did not change, reading a record stored without them', () => {
    const delta = resourceTreeDelta({ nodes: [node('a')] }, { nodes: [node('b')], orphanedNodes: [] });
    expect(delta).toEqual({ added: [node('b')], updated: [], removed: ['a'] });
    expect(isEmptyDelta(resourceTreeDelta({ nodes: [] }, { nodes: [], orphanedNodes: [] }))).toBe(true);
  });

  it('tells the lists apart when one object is in both (owned by a tracked object and an orphan)', () => {
    const before = { nodes: [node('x')], orphanedNodes: [] };
    const after = { nodes: [], orphanedNodes: [node('x')] };
    const delta = resourceTreeDelta(before, after);
    expect(delta).toMatchObject({ removed: ['x'], orphaned: { added: [node('x')], removed: [] } });
    expect(applyResourceTreeDelta(before, delta)).toEqual(after);
  });
});
