// Which tasks a sync operation has, in Argo CD's order: phase (PreSync, Sync,
// PostSync, SyncFail), wave, kind, name. Built fresh on every step of an
// operation from the desired manifests at the operation's revision, the live
// objects and their comparison, so a controller that restarts plans the same
// tasks again. Pure.
import {
  annotationsOf,
  apiVersionOf,
  formatResourceKey,
  resourceKeyOf,
  type AppComparison,
  type KubeObject,
} from '@driftless/diff';
import { type ManagedNamespaceMetadata, type SyncOperationResource } from '@driftless/schema';
import { deletePoliciesOf, hookSpecOf, phaseRank, waveOf, type SyncPhase } from './hooks';
import { kindRank } from './kind-order';
import { type SyncOptions } from './sync-options';
import { isPruneTask, type SyncTask } from './sync-task';

export const DELETION_APPROVED_ANNOTATION = 'argocd.argoproj.io/deletion-approved';
/** Below any wave a manifest can name: the destination namespace exists before anything else. */
const NAMESPACE_WAVE = Number.MIN_SAFE_INTEGER;

export interface PlanInput {
  /** Manifests at the operation's revision, with their effective namespaces. */
  desired: readonly KubeObject[];
  /** Live objects by resource key (group/kind/namespace/name). */
  live: ReadonlyMap<string, KubeObject>;
  comparison: AppComparison;
  options: SyncOptions;
  prune: boolean;
  /** `syncStrategy.apply` or a selective sync: hooks do not run. */
  skipHooks: boolean;
  /** `operation.sync.resources`: only these (empty = all). */
  selected: readonly SyncOperationResource[];
  destinationNamespace: string;
  /** The namespace exists on the destination (CreateNamespace). */
  destinationNamespaceExists: boolean;
  managedNamespaceMetadata?: ManagedNamespaceMetadata | undefined;
  /** For generated hook names: the operation's revision and start. */
  revision: string;
  startedAt: string;
  /** When the app's deletion-approved annotation allows pruning Prune=confirm resources. */
  deletionApproved: boolean;
}

function isSelected(key: { group: string; kind: string; namespace: string; name: string }, input: PlanInput): boolean {
  if (input.selected.length === 0) return true;
  return input.selected.some(
    (resource) =>
      (resource.group ?? '') === key.group &&
      resource.kind === key.kind &&
      resource.name === key.name &&
      (resource.namespace === undefined || resource.namespace === '' || resource.namespace === key.namespace),
  );
}

/**
 * A hook named only by generateName gets the name Argo CD gives it —
 * `<generateName><revision[:7]>-<phase>-<start unix seconds>`, lower case —
 * so the name is the same on every step of the operation and a hook is
 * created once.
 */
export function hookName(object: KubeObject, phase: SyncPhase, revision: string, startedAt: string): string {
  const metadata = (object.metadata ?? {}) as { name?: string; generateName?: string };
  if (metadata.name) return metadata.name;
  const seconds = Math.floor(Date.parse(startedAt) / 1000);
  return `${metadata.generateName ?? ''}${`${revision.slice(0, 7)}-${phase}-${seconds}`.toLowerCase()}`;
}

function withName(object: KubeObject, name: string): KubeObject {
  const { generateName: _generated, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  return { ...object, metadata: { ...metadata, name } };
}

function desiredTasks(input: PlanInput): SyncTask[] {
  const tasks: SyncTask[] = [];
  const status = new Map(input.comparison.resources.map((resource) => [formatResourceKey(resource), resource]));
  for (const object of input.desired) {
    const annotations = annotationsOf(object);
    const hook = hookSpecOf(annotations);
    const options = input.options.forResource(annotations);
    const version = apiVersionOf(object);
    if (hook.annotated) {
      if (hook.phases.length === 0 || input.skipHooks) continue;
      for (const phase of hook.phases) {
        const target = withName(object, hookName(object, phase, input.revision, input.startedAt));
        const key = resourceKeyOf(target);
        const live = input.live.get(formatResourceKey(key));
        tasks.push({
          ...key,
          version,
          phase,
          wave: waveOf(annotations),
          action: 'hook',
          target,
          ...(live ? { live } : {}),
          options,
          deletePolicies: deletePoliciesOf(annotations),
          outOfSync: true,
        });
      }
      continue;
    }
    const key = resourceKeyOf(object);
    if (!isSelected(key, input)) continue;
    const compared = status.get(formatResourceKey(key));
    const outOfSync = compared?.status !== 'Synced';
    if (input.options.appEnabled('ApplyOutOfSyncOnly') && !outOfSync) continue;
    const live = input.live.get(formatResourceKey(key));
    tasks.push({
      ...key,
      version,
      phase: 'Sync',
      wave: waveOf(annotations),
      action: 'apply',
      target: object,
      ...(live ? { live } : {}),
      options,
      deletePolicies: [],
      outOfSync,
      ...(key.kind === 'Namespace' && key.group === '' && key.name === input.destinationNamespace
        ? { createsNamespace: true }
        : {}),
    });
  }
  return tasks;
}

function pruneTasks(input: PlanInput): SyncTask[] {
  const tasks: SyncTask[] = [];
  for (const resource of input.comparison.resources) {
    if (!resource.requiresPruning) continue;
    const live = input.live.get(formatResourceKey(resource));
    if (!live || !isSelected(resource, input)) continue;
    const annotations = annotationsOf(live);
    const options = input.options.forResource(annotations);
    const base = {
      group: resource.group,
      version: resource.version,
      kind: resource.kind,
      namespace: resource.namespace,
      name: resource.name,
      phase: 'Sync' as const,
      wave: waveOf(annotations),
      live,
      options,
      deletePolicies: [],
      outOfSync: true,
    };
    if (options.is('Prune', 'false')) tasks.push({ ...base, action: 'prune-skip', skipMessage: 'ignored (no prune)' });
    else if (!input.prune) tasks.push({ ...base, action: 'prune-skip', skipMessage: 'ignored (requires pruning)' });
    else if (options.is('Prune', 'confirm') && !input.deletionApproved)
      tasks.push({ ...base, action: 'prune-confirm' });
    else tasks.push({ ...base, action: 'prune' });
  }
  return tasks;
}

function namespaceTask(input: PlanInput, tasks: readonly SyncTask[]): SyncTask[] {
  const namespace = input.destinationNamespace;
  if (!input.options.appEnabled('CreateNamespace') || namespace === '') return [];
  if (tasks.some((task) => task.createsNamespace)) return [];
  const metadata = input.managedNamespaceMetadata;
  const hasMetadata = Boolean(
    Object.keys(metadata?.labels ?? {}).length || Object.keys(metadata?.annotations ?? {}).length,
  );
  if (input.destinationNamespaceExists && !hasMetadata) return [];
  const target: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      ...(metadata?.labels ? { labels: metadata.labels } : {}),
      ...(metadata?.annotations ? { annotations: metadata.annotations } : {}),
    },
  };
  return [
    {
      group: '',
      version: 'v1',
      kind: 'Namespace',
      namespace: '',
      name: namespace,
      phase: 'PreSync',
      wave: NAMESPACE_WAVE,
      action: 'apply',
      target,
      options: input.options,
      deletePolicies: [],
      createsNamespace: true,
      outOfSync: true,
    },
  ];
}

/**
 * Prune tasks run in reverse creation order: their waves are mirrored (the
 * lowest prune wave swaps with the highest, and so on). With PruneLast they
 * go after the last wave of the Sync phase.
 */
function orderPrunes(tasks: SyncTask[]): void {
  const prunes = tasks.filter(isPruneTask);
  const waves = [...new Set(prunes.map((task) => task.wave))].sort((a, b) => a - b);
  const mirrored = new Map(waves.map((wave, index) => [wave, waves[waves.length - 1 - index] as number]));
  for (const task of prunes) task.wave = mirrored.get(task.wave) ?? task.wave;
  const syncWaves = tasks.filter((task) => task.phase === 'Sync').map((task) => task.wave);
  const lastWave = syncWaves.length ? Math.max(...syncWaves) : 0;
  for (const task of prunes) if (task.options.enabled('PruneLast')) task.wave = lastWave + 1;
}

function position(task: SyncTask): [number, number] {
  return [phaseRank(task.phase), task.wave];
}

function earlier(a: SyncTask, b: SyncTask): boolean {
  const [phaseA, waveA] = position(a);
  const [phaseB, waveB] = position(b);
  return phaseA < phaseB || (phaseA === phaseB && waveA < waveB);
}

/**
 * A Namespace is created no later than the first task that puts something in
 * it, and a CRD no later than the first of its custom resources: the
 * dependency moves to its first dependent's phase and wave (kind order then
 * puts it first there), as Argo CD adjusts its tasks. The seed's PreSync
 * migration Job in a Namespace of wave -1 depends on this.
 */
function adjustDependencies(tasks: SyncTask[]): void {
  const applies = tasks.filter((task) => task.action === 'apply' || task.action === 'hook');
  for (const dependency of applies) {
    if (dependency.action !== 'apply' || dependency.phase === 'SyncFail') continue;
    let dependsOn: (task: SyncTask) => boolean;
    if (dependency.group === '' && dependency.kind === 'Namespace') {
      dependsOn = (task) => task.namespace === dependency.name;
    } else if (dependency.group === 'apiextensions.k8s.io' && dependency.kind === 'CustomResourceDefinition') {
      const spec = (dependency.target?.spec ?? {}) as { group?: string; names?: { kind?: string } };
      dependsOn = (task) => task.group === spec.group && task.kind === spec.names?.kind;
    } else continue;
    for (const task of applies) {
      if (task !== dependency && task.phase !== 'SyncFail' && dependsOn(task) && earlier(task, dependency)) {
        dependency.phase = task.phase;
        dependency.wave = task.wave;
      }
    }
  }
}

export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    phaseRank(a.phase) - phaseRank(b.phase) ||
    a.wave - b.wave ||
    kindRank(a.kind) - kindRank(b.kind) ||
    a.name.localeCompare(b.name)
  );
}

export function planSync(input: PlanInput): SyncTask[] {
  const tasks = desiredTasks(input);
  tasks.push(...pruneTasks(input));
  tasks.push(...namespaceTask(input, tasks));
  adjustDependencies(tasks);
  orderPrunes(tasks);
  return tasks.sort(compareTasks);
}
