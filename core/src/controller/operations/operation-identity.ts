// Hooks are marked with the operation attempt that created them, so a later
// operation replaces them and a restarted controller recognises its own. The
// identity is made of what the stored state keeps — the app, startedAt and the
// retry count — and startedAt has whole seconds (Argo CD's format), so two
// operations started within one second would share it: the second would take
// the first one's finished hook Job for its own and never run it. A new
// operation therefore never starts in the second the previous one started in.
import { createHash } from 'node:crypto';
import { type Application, type OperationState } from '@driftless/schema';

/** Identifies one attempt of one operation (a retry is a new attempt): hooks carry it. */
export function operationId(app: Application, state: OperationState): string {
  const appIdentity = app.metadata.uid ?? `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
  return createHash('sha1')
    .update(`${appIdentity}/${state.startedAt}/${state.retryCount ?? 0}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * How long a new operation waits before it starts: until the next second when
 * `now` (whole seconds, as startedAt is written) is the second the previous
 * operation started in, else 0.
 */
export function waitBeforeStarting(previousStartedAt: string | undefined, now: string, nowMs: number): number {
  if (previousStartedAt === undefined || Date.parse(previousStartedAt) !== Date.parse(now)) return 0;
  return 1000 - (nowMs % 1000);
}
