// Application conditions as the controller reports them: the refresh computes
// the conditions it owns from scratch (SyncError included: as in Argo CD it is
// what auto-sync decided after this comparison); conditions owned by others
// (DeletionError from the delete path) are kept, and a condition that was
// already there keeps its lastTransitionTime. Pure.
import { type ApplicationCondition, type ApplicationConditionType } from '@driftless/schema';

/** The condition types a refresh decides. */
export const REFRESH_CONDITION_TYPES: readonly ApplicationConditionType[] = [
  'InvalidSpecError',
  'ComparisonError',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
  'ExcludedResourceWarning',
  'OrphanedResourceWarning',
  'UnknownError',
  'SyncError',
];

export interface NewCondition {
  type: ApplicationConditionType;
  message: string;
}

export function mergeConditions(
  previous: readonly ApplicationCondition[] | undefined,
  computed: readonly NewCondition[],
  now: string,
): ApplicationCondition[] {
  const kept = (previous ?? []).filter((condition) => !REFRESH_CONDITION_TYPES.includes(condition.type));
  const seen = new Set<string>();
  const fresh: ApplicationCondition[] = [];
  for (const condition of computed) {
    const id = `${condition.type}\u0000${condition.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const earlier = previous?.find((old) => old.type === condition.type && old.message === condition.message);
    fresh.push({ ...condition, lastTransitionTime: earlier?.lastTransitionTime ?? now });
  }
  return [...kept, ...fresh];
}

// UnknownError is what Argo CD reports for an app whose namespace may not use its project.
const blockingTypes = new Set<ApplicationConditionType>(['InvalidSpecError', 'ComparisonError', 'UnknownError']);

/** Whether any condition makes the comparison itself invalid (sync status Unknown). */
export function blocksComparison(conditions: readonly NewCondition[]): boolean {
  return conditions.some((condition) => blockingTypes.has(condition.type));
}
