// `app diff --refresh|--hard-refresh`: asks the server for a refresh and
// waits until the controller has done it, as `argocd app diff --refresh`
// waits for its refreshed get: the refresh annotation is gone and
// status.reconciledAt is newer than before the request (a requested refresh
// always moves it). reconciledAt has whole seconds, so a request in the same
// second as the previous reconcile first waits for the next second. The
// wait is bounded; running out of time is a one-line error (exit code 4).
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { appQueryVariables } from './app-get-view';
import { queryApplication } from './application-query';
import { type ServerAppRef } from './server-app-ref';

const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const REFRESH_WAIT_SECONDS = 120;
const POLL_MS = 500;

/** What the wait reads of the application. */
export interface RefreshView {
  annotations: Record<string, string>;
  status: { reconciledAt: string | null };
}

const REFRESH = `mutation ($name: String!, $appNamespace: String, $hard: Boolean!) {
  refreshApplication(name: $name, appNamespace: $appNamespace, hard: $hard) { name } }`;

/** Whether the controller has reconciled the app since `before` (its reconciledAt when the refresh was asked). */
export function refreshedSince(before: string | null, view: RefreshView): boolean {
  const after = view.status.reconciledAt;
  if (view.annotations[REFRESH_ANNOTATION] !== undefined || after === null) return false;
  return before === null || Date.parse(after) > Date.parse(before);
}

/**
 * Milliseconds until a reconcile would get a later whole-second timestamp than `before`; 0 when it
 * already would. At most a second: a server clock ahead of this one must not hold the command up.
 */
export function waitForNextSecond(before: string | null, now: number): number {
  if (before === null) return 0;
  const nextSecond = Math.floor(Date.parse(before) / 1000) * 1000 + 1000;
  return Math.min(1000, Math.max(0, nextSecond - now));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const viewOf = (options: ServerOptions, ref: ServerAppRef): Promise<RefreshView> =>
  queryApplication<RefreshView>(options, ref, 'annotations status { reconciledAt }');

export async function refreshAndWait(options: ServerOptions, ref: ServerAppRef, hard: boolean): Promise<void> {
  const before = (await viewOf(options, ref)).status.reconciledAt;
  await sleep(waitForNextSecond(before, Date.now()));
  await graphqlRequest(options, REFRESH, { ...appQueryVariables(ref), hard });
  const deadline = Date.now() + REFRESH_WAIT_SECONDS * 1000;
  while (!refreshedSince(before, await viewOf(options, ref))) {
    if (Date.now() + POLL_MS > deadline)
      throw new CliError(
        `application '${ref.display}' was not refreshed within ${REFRESH_WAIT_SECONDS}s — is the controller running? (driftless app get ${ref.display} shows its last reconcile)`,
        ExitCode.timedOut,
      );
    await sleep(POLL_MS);
  }
}
