// Before anything is applied: every task is checked against the project, the
// shared-resource rule, and the API server itself (a server dry run of every
// apply and hook), so a manifest the API rejects fails the operation before
// the first wave touches the cluster. A dry-run operation ends here, with
// what each task would do.
import { type ResourceResult } from '@driftless/schema';
import { isResourcePermitted } from '../../projects/enforcement';
import { resultFor } from '../../sync/sync-step';
import { isPruneTask, type SyncTask } from '../../sync/sync-task';
import { type OperationContext } from './operation-context';
import { KubeHttpError } from '../../kube/kube-http';
import { apiMessage, HOOK_OPERATION_ANNOTATION, type ResourceWriter } from './resource-writer';

export const INVALID_TASKS_MESSAGE = 'one or more synchronization tasks are not valid';

export interface PreflightResult {
  /** Why the operation cannot run; undefined when every task passed. */
  problem?: string;
  /** Per-task outcomes (failures, or for a dry-run operation what each task would do). */
  results: ResourceResult[];
}

/**
 * Objects that cannot be dry-run yet: their namespace or their kind comes
 * from this very sync (CreateNamespace, a Namespace or CRD in an earlier
 * wave), or the kind is unknown and SkipDryRunOnMissingResource says so.
 */
function skipsDryRun(task: SyncTask, context: OperationContext): boolean {
  const namespaceFromSync =
    task.namespace !== '' &&
    context.cache.get('', 'Namespace', '', task.namespace) === undefined &&
    context.tasks.some((other) => other.kind === 'Namespace' && other.group === '' && other.name === task.namespace);
  if (namespaceFromSync) return true;
  if (context.cache.typeOf(task.group, task.kind)) return false;
  const crdFromSync = context.tasks.some(
    (other) =>
      other.kind === 'CustomResourceDefinition' &&
      (other.target?.spec as { group?: string; names?: { kind?: string } } | undefined)?.group === task.group &&
      (other.target?.spec as { names?: { kind?: string } } | undefined)?.names?.kind === task.kind,
  );
  return crdFromSync || task.options.enabled('SkipDryRunOnMissingResource');
}

function sharedWith(task: SyncTask, context: OperationContext): string | undefined {
  const cached = context.cache.get(task.group, task.kind, task.namespace, task.name);
  if (!cached?.appInstance || cached.appInstance === context.instance) return undefined;
  return cached.appInstance.replaceAll('_', '/');
}

async function isReplaceableHook(
  task: SyncTask,
  writer: ResourceWriter,
  operationId: string,
  error: unknown,
): Promise<boolean> {
  if (task.action !== 'hook' || !task.deletePolicies.includes('BeforeHookCreation')) return false;
  if (!(error instanceof KubeHttpError) || error.status !== 409) return false;
  const live = await writer.read(await writer.typeFor(task), task);
  return live !== undefined && live.metadata?.annotations?.[HOOK_OPERATION_ANNOTATION] !== operationId;
}

export async function preflight(
  context: OperationContext,
  writer: ResourceWriter,
  options: { operationId: string; force: boolean; dryRunOperation: boolean },
): Promise<PreflightResult> {
  const results: ResourceResult[] = [];
  let problem: string | undefined;
  const failTask = (task: SyncTask, message: string) => {
    results.push(resultFor(task, { status: 'SyncFailed', hookPhase: 'Failed', message }));
    problem ??= `${INVALID_TASKS_MESSAGE}: ${message}`;
  };
  const failOnShared = context.options.appEnabled('FailOnSharedResource');
  for (const task of context.tasks) {
    if (isPruneTask(task)) {
      if (!options.dryRunOperation) continue;
      if (task.action === 'prune')
        results.push(resultFor(task, { status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned (dry run)' }));
      else if (task.action === 'prune-skip')
        results.push(
          resultFor(task, { status: 'PruneSkipped', hookPhase: 'Succeeded', message: task.skipMessage ?? '' }),
        );
      continue;
    }
    const namespaced = context.cache.isNamespaced(task.group, task.kind) ?? true;
    const verdict = isResourcePermitted(context.project, task, namespaced, context.cluster);
    if (!verdict.permitted) {
      failTask(task, verdict.message);
      continue;
    }
    const owner = task.action === 'apply' ? sharedWith(task, context) : undefined;
    if (owner && failOnShared) {
      failTask(task, `${task.kind}/${task.name} is part of another application: ${owner} (FailOnSharedResource=true)`);
      continue;
    }
    if (skipsDryRun(task, context)) {
      if (options.dryRunOperation)
        results.push(
          resultFor(task, {
            status: 'Synced',
            hookPhase: 'Succeeded',
            message: 'dry run skipped (depends on this sync)',
          }),
        );
      continue;
    }
    try {
      const written = await writer.apply(task, {
        dryRun: true,
        force: options.force,
        operationId: options.operationId,
      });
      if (options.dryRunOperation)
        results.push(resultFor(task, { status: 'Synced', hookPhase: 'Succeeded', message: written.message }));
    } catch (error) {
      // A hook left by an earlier sync (or an earlier attempt of this one) collides in a dry-run
      // create; BeforeHookCreation replaces it at run time.
      if (!(await isReplaceableHook(task, writer, options.operationId, error))) failTask(task, apiMessage(error));
    }
  }
  return { ...(problem ? { problem } : {}), results };
}
