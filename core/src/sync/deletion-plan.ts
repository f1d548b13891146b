// What deleting an Application with the resources finalizer removes, and in
// which order (Argo CD's cascade delete): every object the app tracks except
// those marked `Delete=false` (kept) and hooks; `Delete=confirm` objects wait
// for the app's deletion-approved annotation. Objects go in reverse sync-wave
// order, one wave at a time, so what was created last goes first. Pure.
import { annotationsOf, formatResourceKey, type KubeObject, type ResourceKey } from '@driftless/diff';
import { hookSpecOf, waveOf } from './hooks';
import { annotationSyncOptions } from './sync-options';

export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const RESOURCES_FINALIZER_FOREGROUND = `${RESOURCES_FINALIZER}/foreground`;
export const RESOURCES_FINALIZER_BACKGROUND = `${RESOURCES_FINALIZER}/background`;
const FINALIZERS = [RESOURCES_FINALIZER, RESOURCES_FINALIZER_FOREGROUND, RESOURCES_FINALIZER_BACKGROUND];

export interface DeletionCandidate extends ResourceKey {
  version: string;
  object: KubeObject;
  /** The object is already being deleted. */
  deleting: boolean;
}

export interface DeletionPlan {
  /** The wave to delete now (the highest wave left); empty when nothing is left. */
  now: DeletionCandidate[];
  /** Objects still to be deleted after this wave, or still terminating. */
  remaining: number;
  /** Delete=confirm objects waiting for approval. */
  awaitingConfirmation: DeletionCandidate[];
  kept: DeletionCandidate[];
}

/** The resources finalizer on an app, if any: it decides cascade and propagation. */
export function resourcesFinalizerOf(finalizers: readonly string[] | undefined): string | undefined {
  return finalizers?.find((finalizer) => FINALIZERS.includes(finalizer));
}

/** Deleted with the resources finalizer: the controller deletes its objects, then lets it go. */
export function isCascadeDeleting(app: { metadata: { deletionTimestamp?: string; finalizers?: string[] } }): boolean {
  return Boolean(app.metadata.deletionTimestamp) && resourcesFinalizerOf(app.metadata.finalizers) !== undefined;
}

export function propagationOf(finalizer: string): 'Foreground' | 'Background' {
  return finalizer === RESOURCES_FINALIZER_BACKGROUND ? 'Background' : 'Foreground';
}

export function planDeletion(candidates: readonly DeletionCandidate[], approved: boolean): DeletionPlan {
  const kept: DeletionCandidate[] = [];
  const awaitingConfirmation: DeletionCandidate[] = [];
  const toDelete: DeletionCandidate[] = [];
  for (const candidate of candidates) {
    const annotations = annotationsOf(candidate.object);
    const option = annotationSyncOptions(annotations).get('Delete')?.toLowerCase();
    if (option === 'false' || hookSpecOf(annotations).annotated) kept.push(candidate);
    else if (option === 'confirm' && !approved && !candidate.deleting) awaitingConfirmation.push(candidate);
    else toDelete.push(candidate);
  }
  const waves = [...new Set(toDelete.map((candidate) => waveOf(annotationsOf(candidate.object))))].sort(
    (a, b) => b - a,
  );
  const highest = waves[0];
  const inWave = toDelete.filter((candidate) => waveOf(annotationsOf(candidate.object)) === highest);
  // A wave whose objects are all terminating is waited for, not deleted again.
  const now = inWave.filter((candidate) => !candidate.deleting);
  return {
    now,
    remaining: toDelete.length,
    awaitingConfirmation,
    kept,
  };
}

export function describeCandidates(candidates: readonly DeletionCandidate[]): string {
  const names = candidates.map((candidate) => formatResourceKey(candidate));
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
