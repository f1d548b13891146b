import { keyOf } from '../live-state/cached-object';
import { treeNodes, walkTree } from './build-tree';
import { DetailMemo } from './detail-memo';
import { SyntheticTree } from './testing/synthetic-tree';

function build(world: SyntheticTree, health?: Map<string, { status: string; message?: string }>) {
  const snapshot = world.snapshot(health);
  const walked = walkTree(snapshot.cache, snapshot.roots);
  const memo = new DetailMemo();
  memo.load(walked.map((entry) => entry.object));
  return treeNodes(walked, {
    details: (object) => memo.get(object),
    assessedHealth: (key) => snapshot.health.get(key),
  });
}

describe('resource tree', () => {
  it('walks tracked objects and everything they own, naming each owner as a parent', () => {
    const world = new SyntheticTree(2, 2);
    const nodes = build(world);
    expect(nodes.map((node) => `${node.kind}/${node.name}`)).toEqual([
      'Pod/web-0-5d4f-0',
      'Pod/web-0-5d4f-1',
      'Pod/web-1-5d4f-0',
      'Pod/web-1-5d4f-1',
      'Deployment/web-0',
      'Deployment/web-1',
      'ReplicaSet/web-0-5d4f',
      'ReplicaSet/web-1-5d4f',
    ]);
    const pod = nodes.find((node) => node.name === 'web-1-5d4f-0');
    expect(pod).toMatchObject({
      group: '',
      version: 'v1',
      namespace: 'shop',
      uid: 'pod-1-0',
      parentRefs: [{ group: 'apps', kind: 'ReplicaSet', namespace: 'shop', name: 'web-1-5d4f', uid: 'rs-1' }],
      health: { status: 'Healthy' },
      info: [
        { name: 'Status Reason', value: 'Running' },
        { name: 'Node', value: 'node-1' },
        { name: 'Containers', value: '1/1' },
      ],
      images: ['registry.example.com/shop/web:1.4.2'],
      createdAt: '2026-01-01T00:00:02Z',
    });
    expect(nodes.find((node) => node.kind === 'Deployment')?.parentRefs).toBeUndefined();
  });

  it("takes a tracked object's health from the refresh, an owned object's from its own state", () => {
    const world = new SyntheticTree(1, 1);
    world.setPodReady(0, 0, false);
    const health = new Map([[keyOf(world.roots[0]!), { status: 'Progressing', message: 'rolling out' }]]);
    const nodes = build(world, health);
    expect(nodes.find((node) => node.kind === 'Deployment')?.health).toEqual({
      status: 'Progressing',
      message: 'rolling out',
    });
    expect(nodes.find((node) => node.kind === 'ReplicaSet')?.health).toEqual({ status: 'Healthy' });
    expect(nodes.find((node) => node.kind === 'Pod')).toMatchObject({
      health: { status: 'Progressing' },
      info: expect.arrayContaining([
        { name: 'Containers', value: '0/1' },
        { name: 'Restart Count', value: '1' },
      ]) as unknown,
    });
  });

  it("takes an untracked object's details from the cache, anew when its resourceVersion moved", () => {
    const world = new SyntheticTree(1, 1);
    const snapshot = world.snapshot();
    const memo = new DetailMemo();
    const pod = () =>
      walkTree(snapshot.cache, snapshot.roots).find((entry) => entry.object.type.kind === 'Pod')!.object;
    memo.load([pod()]);
    expect(memo.get(pod())?.health).toEqual({ status: 'Healthy' });
    world.setPodReady(0, 0, false);
    expect(memo.get(pod())).toBeUndefined();
    memo.load([pod()]);
    expect(memo.get(pod())?.health).toEqual({ status: 'Progressing' });
  });

  it('visits an object owned twice once, with both owners', () => {
    const world = new SyntheticTree(1, 1);
    const [deployment] = world.roots;
    const pod = world.snapshot().cache.childrenOf('rs-0')[0]!;
    const walked = walkTree({ childrenOf: (uid) => (uid === 'a' || uid === 'b' ? [pod] : []) }, [
      { ...deployment!, uid: 'a' },
      { ...deployment!, uid: 'b', name: 'web-b' },
    ]);
    expect(walked).toHaveLength(3);
    expect(walked.find((entry) => entry.object === pod)?.parents.map((parent) => parent.uid)).toEqual(['a', 'b']);
  });

  it('walks from orphans as from tracked objects, leaving out what the filter refuses and all below it', () => {
    const world = new SyntheticTree(1, 1);
    world.addOrphan('legacy');
    world.addOrphan('claimed');
    world.addOrphan('notes', true);
    const { cache } = world.snapshot();
    const walked = walkTree(cache, world.orphans, (object) => object.name !== 'claimed-rs');
    const nodes = treeNodes(walked, { details: () => undefined, assessedHealth: () => undefined });
    expect(nodes.map((node) => `${node.kind}/${node.name}`)).toEqual([
      'ConfigMap/notes',
      'Deployment/claimed',
      'Deployment/legacy',
      'ReplicaSet/legacy-rs',
    ]);
    expect(nodes.find((node) => node.name === 'legacy-rs')?.parentRefs).toEqual([
      { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'legacy', uid: 'legacy' },
    ]);
    expect(
      walkTree(cache, world.orphans, (object) => object.type.kind !== 'ConfigMap').map((e) => e.object.name),
    ).not.toContain('notes');
  });
});
