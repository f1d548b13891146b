// Acts on one phase/wave of an operation, in Argo CD's order within the wave:
// prunes first (those not left for PruneLast), then hooks that replace an
// earlier sync's copy are deleted (BeforeHookCreation) and every apply and
// hook runs, in kind order so a Namespace exists before what goes in it.
import { type ResourceResult } from '@driftless/schema';
import { resultFor } from '../../sync/sync-step';
import { isPruneTask, type SyncTask } from '../../sync/sync-task';
import { type OperationContext } from './operation-context';
import { apiMessage, HOOK_OPERATION_ANNOTATION, type PropagationPolicy, type ResourceWriter } from './resource-writer';

const PROPAGATION: Record<string, PropagationPolicy> = {
  foreground: 'Foreground',
  background: 'Background',
  orphan: 'Orphan',
};

/** How long a BeforeHookCreation delete may take before the hook counts as failed to start. */
const HOOK_DELETE_WAIT_MS = 30_000;

export interface RunOptions {
  operationId: string;
  force: boolean;
}

async function prune(task: SyncTask, writer: ResourceWriter): Promise<ResourceResult> {
  if (task.action === 'prune-skip')
    return resultFor(task, { status: 'PruneSkipped', hookPhase: 'Succeeded', message: task.skipMessage ?? '' });
  const policy = PROPAGATION[(task.options.value('PrunePropagationPolicy') ?? 'foreground').toLowerCase()];
  if (!policy)
    return resultFor(task, {
      status: 'SyncFailed',
      hookPhase: 'Failed',
      message: `PrunePropagationPolicy=${task.options.value('PrunePropagationPolicy') ?? ''} is not foreground, background or orphan`,
    });
  try {
    await writer.delete(task, policy, false);
    return resultFor(task, { status: 'Pruned', hookPhase: 'Running', message: 'pruned' });
  } catch (error) {
    return resultFor(task, { status: 'SyncFailed', hookPhase: 'Failed', message: apiMessage(error) });
  }
}

/** Deletes a copy of the hook from an earlier sync and waits until it is gone. */
async function replaceEarlierHook(task: SyncTask, writer: ResourceWriter, operationId: string): Promise<void> {
  if (!task.deletePolicies.includes('BeforeHookCreation')) return;
  const type = await writer.typeFor(task);
  const live = await writer.read(type, task);
  if (!live || live.metadata?.annotations?.[HOOK_OPERATION_ANNOTATION] === operationId) return;
  await writer.releaseHook(task);
  await writer.delete(task, 'Background', false);
  await writer.waitUntilGone(type, task, HOOK_DELETE_WAIT_MS);
}

async function apply(
  task: SyncTask,
  context: OperationContext,
  writer: ResourceWriter,
  options: RunOptions,
): Promise<ResourceResult> {
  try {
    if (task.action === 'hook') await replaceEarlierHook(task, writer, options.operationId);
    const written = await writer.apply(task, { dryRun: false, force: options.force, operationId: options.operationId });
    if (written.object) context.cache.written(written.object);
    // A CRD's kind must be known before the next wave applies its objects.
    if (task.kind === 'CustomResourceDefinition') await context.cache.refreshDiscovery();
    return resultFor(task, { status: 'Synced', hookPhase: 'Running', message: written.message });
  } catch (error) {
    return resultFor(task, { status: 'SyncFailed', hookPhase: 'Failed', message: apiMessage(error) });
  }
}

export async function runTasks(
  context: OperationContext,
  writer: ResourceWriter,
  tasks: readonly SyncTask[],
  options: RunOptions,
): Promise<ResourceResult[]> {
  const results: ResourceResult[] = [];
  for (const task of tasks.filter(isPruneTask))
    if (task.action !== 'prune-confirm') results.push(await prune(task, writer));
  for (const task of tasks.filter((item) => !isPruneTask(item)))
    results.push(await apply(task, context, writer, options));
  return results;
}
