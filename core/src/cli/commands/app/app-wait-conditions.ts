// What `app wait` waits for, as `argocd app wait` decides it: with no flag,
// health, sync and the operation; --health/--suspended/--degraded each admit
// that health status (any of those given); --sync wants Synced; --operation
// wants no operation in progress. Pure.
export interface WaitFlags {
  health?: boolean;
  sync?: boolean;
  operation?: boolean;
  suspended?: boolean;
  degraded?: boolean;
}

export interface WaitConditions {
  healthStatuses: string[];
  sync: boolean;
  operation: boolean;
}

export interface WaitState {
  healthStatus: string | null;
  syncStatus: string | null;
  operationInProgress: boolean;
}

export function waitConditions(flags: WaitFlags): WaitConditions {
  const none = !flags.health && !flags.sync && !flags.operation && !flags.suspended && !flags.degraded;
  if (none) return { healthStatuses: ['Healthy'], sync: true, operation: true };
  return {
    healthStatuses: [
      ...(flags.health ? ['Healthy'] : []),
      ...(flags.suspended ? ['Suspended'] : []),
      ...(flags.degraded ? ['Degraded'] : []),
    ],
    sync: flags.sync === true,
    operation: flags.operation === true,
  };
}

/** What is still missing, as words for the progress and timeout lines; empty: the wait is over. */
export function unmetConditions(conditions: WaitConditions, state: WaitState): string[] {
  const unmet: string[] = [];
  if (conditions.healthStatuses.length > 0 && !conditions.healthStatuses.includes(state.healthStatus ?? ''))
    unmet.push(`health ${conditions.healthStatuses.join(' or ')} (is ${state.healthStatus ?? 'Unknown'})`);
  if (conditions.sync && state.syncStatus !== 'Synced') unmet.push(`sync Synced (is ${state.syncStatus ?? 'Unknown'})`);
  if (conditions.operation && state.operationInProgress) unmet.push('operation finished (one is in progress)');
  return unmet;
}
