// One unit of a sync: apply a desired object, run a hook, prune a live object
// or create the destination namespace, with the phase and wave that order it.
// Pure data.
import { formatResourceKey, type KubeObject } from '@driftless/diff';
import { type HookDeletePolicy, type SyncPhase } from './hooks';
import { type SyncOptions } from './sync-options';

export type TaskAction =
  /** Apply `target` (create or update). */
  | 'apply'
  /** Create the hook `target` for this operation (once), then wait for its outcome. */
  | 'hook'
  /** Delete the live object (it is no longer in Git). */
  | 'prune'
  /** A prune that is not done: reported as PruneSkipped with `skipMessage`. */
  | 'prune-skip'
  /** Prune=confirm/Delete=confirm without the app's deletion-approved annotation: waits for it. */
  | 'prune-confirm';

export interface SyncTask {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  phase: SyncPhase;
  wave: number;
  action: TaskAction;
  /** The desired object (apply, hook). */
  target?: KubeObject;
  /** The live object when there is one. */
  live?: KubeObject;
  options: SyncOptions;
  /** Hooks only. */
  deletePolicies: HookDeletePolicy[];
  /** The destination namespace this sync creates (CreateNamespace=true). */
  createsNamespace?: boolean;
  /** OutOfSync in the comparison (or missing); false when already in sync. */
  outOfSync: boolean;
  skipMessage?: string;
}

export function taskKey(task: Pick<SyncTask, 'phase' | 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${task.phase}:${formatResourceKey(task)}`;
}

export function isHookTask(task: SyncTask): boolean {
  return task.action === 'hook';
}

export function isPruneTask(task: SyncTask): boolean {
  return task.action === 'prune' || task.action === 'prune-skip' || task.action === 'prune-confirm';
}

/** `kind/name` as kubectl prints it in apply messages, e.g. `deployment.apps/web`. */
export function kubectlName(task: Pick<SyncTask, 'group' | 'kind' | 'name'>): string {
  const kind = task.kind.toLowerCase();
  return `${task.group ? `${kind}.${task.group}` : kind}/${task.name}`;
}
