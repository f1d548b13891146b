import { compareApp, compileDiffConfig, formatResourceKey, resourceKeyOf, type KubeObject } from '@driftless/diff';
import { hookName, planSync, type PlanInput } from './plan-sync';
import { parseSyncOptions, SyncOptions } from './sync-options';

function object(kind: string, name: string, annotations: Record<string, string> = {}, apiVersion = 'v1'): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'shop', ...(Object.keys(annotations).length ? { annotations } : {}) },
  };
}

function plan(desired: KubeObject[], live: KubeObject[] = [], overrides: Partial<PlanInput> = {}) {
  const comparison = compareApp({
    desired,
    live,
    destinationNamespace: 'shop',
    isNamespaced: (group, kind) => kind !== 'Namespace',
    config: compileDiffConfig(),
  });
  return planSync({
    desired,
    live: new Map(live.map((item) => [formatResourceKey(resourceKeyOf(item)), item])),
    comparison,
    options: new SyncOptions(new Map()),
    prune: true,
    skipHooks: false,
    selected: [],
    destinationNamespace: 'shop',
    destinationNamespaceExists: true,
    revision: 'a1b2c3d4e5f6',
    startedAt: '2026-11-26T06:00:00Z',
    deletionApproved: false,
    ...overrides,
  });
}

const summary = (tasks: ReturnType<typeof plan>) =>
  tasks.map((task) => `${task.phase}/${task.wave} ${task.action} ${task.kind}/${task.name}`);

describe('planSync', () => {
  it('orders by phase, wave, kind (Argo CD order) and name', () => {
    const tasks = plan([
      object('Deployment', 'web', {}, 'apps/v1'),
      object('ConfigMap', 'b'),
      object('ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': '-1' }),
      object('Service', 'web'),
      object('Namespace', 'shop'),
      object('Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' }, 'batch/v1'),
      object('Job', 'smoke', { 'argocd.argoproj.io/hook': 'PostSync' }, 'batch/v1'),
      object('Widget', 'w', {}, 'example.com/v1'),
    ]);
    expect(summary(tasks)).toEqual([
      'PreSync/0 apply Namespace/shop',
      'PreSync/0 hook Job/migrate',
      'Sync/-1 apply ConfigMap/a',
      'Sync/0 apply ConfigMap/b',
      'Sync/0 apply Service/web',
      'Sync/0 apply Deployment/web',
      'Sync/0 apply Widget/w',
      'PostSync/0 hook Job/smoke',
    ]);
  });

  it('maps Helm hooks and weights, ignores other Helm hooks and hooks with no valid type, and skips Skip', () => {
    const tasks = plan([
      object('Job', 'pre', { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '5' }, 'batch/v1'),
      object('Job', 'post', { 'helm.sh/hook': 'post-install' }, 'batch/v1'),
      object('Pod', 'test', { 'helm.sh/hook': 'test' }),
      object('ConfigMap', 'odd', { 'argocd.argoproj.io/hook': 'Sometimes' }),
      object('ConfigMap', 'skipped', { 'argocd.argoproj.io/hook': 'Skip' }),
      object('Job', 'both', { 'argocd.argoproj.io/hook': 'PreSync,SyncFail' }, 'batch/v1'),
    ]);
    expect(summary(tasks)).toEqual([
      'PreSync/0 hook Job/both',
      'PreSync/5 hook Job/pre',
      'PostSync/0 hook Job/post',
      'SyncFail/0 hook Job/both',
    ]);
    expect(tasks[0]?.deletePolicies).toEqual(['BeforeHookCreation']);
  });

  it('names generateName hooks from the revision, phase and start, the same on every step', () => {
    const hook: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 'migrate-', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
    };
    expect(hookName(hook, 'PreSync', 'A1B2C3D4E5', '2026-11-26T06:00:00Z')).toBe('migrate-a1b2c3d-presync-1795672800');
    const tasks = plan([hook]);
    expect(tasks[0]?.name).toBe('migrate-a1b2c3d-presync-1795672800');
    expect((tasks[0]?.target?.metadata as Record<string, unknown>).generateName).toBeUndefined();
  });

  it('skips hooks for the apply strategy and selective syncs, and applies only the selected resources', () => {
    const desired = [
      object('ConfigMap', 'a'),
      object('ConfigMap', 'b'),
      object('Job', 'j', { 'argocd.argoproj.io/hook': 'Sync' }, 'batch/v1'),
    ];
    expect(summary(plan(desired, [], { skipHooks: true, selected: [{ kind: 'ConfigMap', name: 'b' }] }))).toEqual([
      'Sync/0 apply ConfigMap/b',
    ]);
  });

  it('prunes extraneous objects in reverse wave order, after everything with PruneLast, and reports skipped prunes', () => {
    const live = [
      object('ConfigMap', 'early', { 'argocd.argoproj.io/sync-wave': '-2' }),
      object('ConfigMap', 'late', { 'argocd.argoproj.io/sync-wave': '3' }),
      object('ConfigMap', 'kept', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
      object('ConfigMap', 'confirm', { 'argocd.argoproj.io/sync-options': 'Prune=confirm' }),
    ];
    expect(summary(plan([object('ConfigMap', 'a')], live))).toEqual([
      'Sync/-2 prune ConfigMap/late',
      'Sync/0 apply ConfigMap/a',
      'Sync/0 prune-confirm ConfigMap/confirm',
      'Sync/0 prune-skip ConfigMap/kept',
      'Sync/3 prune ConfigMap/early',
    ]);
    const last = plan([object('ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': '4' })], [live[0] as KubeObject], {
      options: new SyncOptions(parseSyncOptions(['PruneLast=true'])),
    });
    expect(summary(last)).toEqual(['Sync/4 apply ConfigMap/a', 'Sync/5 prune ConfigMap/early']);
    const noPrune = plan([], [live[0] as KubeObject], { prune: false });
    expect(noPrune[0]).toMatchObject({ action: 'prune-skip', skipMessage: 'ignored (requires pruning)' });
    expect(plan([], [live[3] as KubeObject], { deletionApproved: true })[0]?.action).toBe('prune');
  });

  it('applies only out-of-sync resources with ApplyOutOfSyncOnly=true', () => {
    const same = object('ConfigMap', 'same');
    const tasks = plan([same, object('ConfigMap', 'new')], [same], {
      options: new SyncOptions(parseSyncOptions(['ApplyOutOfSyncOnly=true'])),
    });
    expect(summary(tasks)).toEqual(['Sync/0 apply ConfigMap/new']);
  });

  it('creates the destination namespace first with CreateNamespace=true, and only when needed', () => {
    const options = new SyncOptions(parseSyncOptions(['CreateNamespace=true']));
    const created = plan([object('ConfigMap', 'a')], [], { options, destinationNamespaceExists: false });
    expect(summary(created)[0]).toMatch(/^PreSync\/-\d+ apply Namespace\/shop$/);
    expect(plan([object('ConfigMap', 'a')], [], { options }).map((task) => task.kind)).toEqual(['ConfigMap']);
    const labelled = plan([], [], {
      options,
      managedNamespaceMetadata: { labels: { team: 'a' } },
    });
    expect(labelled[0]?.target).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { team: 'a' } },
    });
  });

  it('moves a Namespace or CRD to the first phase/wave that needs it', () => {
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com', annotations: { 'argocd.argoproj.io/sync-wave': '5' } },
      spec: { group: 'example.com', names: { kind: 'Widget' } },
    };
    const tasks = plan([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
      },
      object('Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' }, 'batch/v1'),
      crd,
      object('Widget', 'w', { 'argocd.argoproj.io/sync-wave': '2' }, 'example.com/v1'),
      object('ConfigMap', 'elsewhere', { 'argocd.argoproj.io/hook': 'SyncFail' }),
    ]);
    expect(summary(tasks)).toEqual([
      'PreSync/0 apply Namespace/shop',
      'PreSync/0 hook Job/migrate',
      'Sync/2 apply CustomResourceDefinition/widgets.example.com',
      'Sync/2 apply Widget/w',
      'SyncFail/0 hook ConfigMap/elsewhere',
    ]);
  });

  it('lets a resource annotation override the app-wide option', () => {
    const tasks = plan([object('ConfigMap', 'a', { 'argocd.argoproj.io/sync-options': 'ServerSideApply=false' })], [], {
      options: new SyncOptions(parseSyncOptions(['ServerSideApply=true'])),
    });
    expect(tasks[0]?.options.enabled('ServerSideApply')).toBe(false);
    expect(tasks[0]?.options.appEnabled('ServerSideApply')).toBe(true);
  });
});
