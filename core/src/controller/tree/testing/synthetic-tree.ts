// A synthetic app for specs and the S9 benchmark: tracked Deployments, each
// owning a ReplicaSet that owns its Pods, held the way the cluster cache
// holds them (CachedObjects indexed by owner, JSON only for tracked ones);
// optionally orphans: untracked Deployments in the same namespace.
import { type ApiResourceType } from '../../live-state/api-discovery';
import { cacheKey, keyOf, toCachedObject, type CachedObject, type LiveObject } from '../../live-state/cached-object';
import { type RefreshSnapshot } from '../refresh-observer';

const type = (group: string, kind: string, resource: string): ApiResourceType => ({
  group,
  version: 'v1',
  kind,
  resource,
  namespaced: true,
  verbs: ['list', 'watch'],
});
const DEPLOYMENT = type('apps', 'Deployment', 'deployments');
const REPLICA_SET = type('apps', 'ReplicaSet', 'replicasets');
const POD = type('', 'Pod', 'pods');
const CONFIG_MAP = type('', 'ConfigMap', 'configmaps');
const TRACKING = { method: 'annotation', labelKey: 'app.kubernetes.io/instance', keepManagedFields: false } as const;

export class SyntheticTree {
  private readonly cached = new Map<string, CachedObject>();
  private readonly byKey = new Map<string, CachedObject>();
  private readonly children = new Map<string, Set<string>>();
  private version = 1;
  readonly roots: CachedObject[] = [];
  /** Top-level orphans, as a refresh that monitors them hands them on. */
  readonly orphans: CachedObject[] = [];

  /** `uidPrefix` keeps many synthetic apps' uids apart (the benchmark's 10,000 apps). */
  constructor(
    deployments: number,
    podsPerReplicaSet: number,
    private readonly uidPrefix = '',
  ) {
    for (let index = 0; index < deployments; index++) {
      const name = `web-${index}`;
      const deployment = this.put(DEPLOYMENT, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name,
          namespace: 'shop',
          uid: `${this.uidPrefix}deploy-${index}`,
          annotations: { 'argocd.argoproj.io/tracking-id': `shop:apps/Deployment:shop/${name}` },
          creationTimestamp: '2026-01-01T00:00:00Z',
        },
        spec: { replicas: podsPerReplicaSet },
      });
      this.roots.push(deployment);
      this.put(REPLICA_SET, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-5d4f`,
          namespace: 'shop',
          uid: `${this.uidPrefix}rs-${index}`,
          ownerReferences: [{ uid: deployment.uid, kind: 'Deployment', name }],
          creationTimestamp: '2026-01-01T00:00:01Z',
        },
        spec: { replicas: podsPerReplicaSet },
        status: { availableReplicas: podsPerReplicaSet },
      });
      for (let pod = 0; pod < podsPerReplicaSet; pod++) this.put(POD, this.pod(index, pod, true));
    }
  }

  /** An untracked Deployment `name` owning a ReplicaSet `<name>-rs`, or only a ConfigMap when `configMap`. */
  addOrphan(name: string, configMap = false): CachedObject {
    if (configMap) {
      const object = this.put(CONFIG_MAP, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'shop', uid: `${this.uidPrefix}${name}` },
      });
      this.orphans.push(object);
      return object;
    }
    const deployment = this.put(DEPLOYMENT, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', uid: `${this.uidPrefix}${name}` },
      spec: { replicas: 0 },
    });
    this.orphans.push(deployment);
    this.put(REPLICA_SET, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-rs`,
        namespace: 'shop',
        uid: `${this.uidPrefix}${name}-rs`,
        ownerReferences: [{ uid: deployment.uid, kind: 'Deployment', name }],
      },
      spec: { replicas: 0 },
    });
    return deployment;
  }

  /** An object leaves the cluster (as the watch reports a deletion). */
  remove(object: CachedObject): void {
    this.cached.delete(object.uid);
    this.byKey.delete(keyOf(object));
    for (const owner of object.ownerUids ?? []) this.children.get(owner)?.delete(object.uid);
  }

  /** A Pod's readiness changed (a new resourceVersion, as the watch delivers it). */
  setPodReady(deployment: number, pod: number, ready: boolean): void {
    this.put(POD, this.pod(deployment, pod, ready));
  }

  /** `orphans`: the refresh found this world's orphans, admitting what `admits` admits below them. */
  snapshot(
    health = new Map<string, { status: string }>(),
    orphans?: { admits: (object: CachedObject) => boolean },
  ): RefreshSnapshot {
    for (const root of this.roots) if (!health.has(keyOf(root))) health.set(keyOf(root), { status: 'Healthy' });
    return {
      ...(orphans ? { orphans: { roots: [...this.orphans], admits: orphans.admits } } : {}),
      cache: {
        childrenOf: (uid) => [...(this.children.get(uid) ?? [])].flatMap((child) => this.cached.get(child) ?? []),
        get: (group, kind, namespace, name) => this.byKey.get(cacheKey(group, kind, namespace, name)),
      },
      roots: this.roots,
      health,
    };
  }

  get size(): number {
    return this.cached.size;
  }

  private pod(deployment: number, pod: number, ready: boolean): LiveObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-${deployment}-5d4f-${pod}`,
        namespace: 'shop',
        uid: `${this.uidPrefix}pod-${deployment}-${pod}`,
        ownerReferences: [
          { uid: `${this.uidPrefix}rs-${deployment}`, kind: 'ReplicaSet', name: `web-${deployment}-5d4f` },
        ],
        creationTimestamp: '2026-01-01T00:00:02Z',
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.4.2' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ ready, restartCount: ready ? 0 : 1, state: { running: {} } }],
      },
    };
  }

  private put(apiType: ApiResourceType, object: LiveObject): CachedObject {
    const live = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.version++) } };
    const cached = toCachedObject(live, apiType, TRACKING);
    this.cached.set(cached.uid, cached);
    this.byKey.set(keyOf(cached), cached);
    for (const owner of cached.ownerUids ?? []) {
      let set = this.children.get(owner);
      if (!set) this.children.set(owner, (set = new Set()));
      set.add(cached.uid);
    }
    return cached;
  }
}
