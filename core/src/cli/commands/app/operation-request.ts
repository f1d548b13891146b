// Starting an operation and waiting for it. The operation is written only if
// the Application is unchanged since the command decided on it (a
// resourceVersion `test` in the JSON patch), so two clients cannot both
// start one: the loser reads again and gets Argo CD's "another operation is
// already in progress". Waiting polls the Application every 500 ms: one
// object, one cheap GET, and nothing to resume when a watch drops.
import { userInfo } from 'node:os';
import { type Application, type Operation, type OperationState } from '@driftless/schema';
import { OperationRefusal } from '../../../apps/operations/operation-refusal';
import { CliError, ExitCode } from '../../exit-codes';
import { qualifiedAppName, type AppRef } from './app-ref';
import { type ApplicationClient, type JsonPatchOperation, notFound, retryOnStaleWrite } from './application-client';
import {
  baselineOf,
  finishedOperation,
  operationInProgress,
  type OperationBaseline,
} from '../../../apps/operations/operation-state';

export const POLL_INTERVAL_MS = 500;

/** The builders' refusals as the CLI reports them (exit 1, as Argo CD's CLI fails on the server's refusal). */
export function refusalAsCliError<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof OperationRefusal)) throw error;
    throw new CliError(error.message);
  }
}

/** Who the operation says started it: the local user, as there is no Driftless login yet. */
export function localUsername(): string {
  try {
    return userInfo().username || 'admin';
  } catch {
    return 'admin';
  }
}

export interface RequestedOperation {
  operation: Operation;
  /** What tells this operation's final state from an older one. */
  baseline: OperationBaseline;
}

/** Builds the operation from the current Application (`build` may refuse with a CliError) and writes it. */
export async function requestOperation(
  client: ApplicationClient,
  ref: AppRef,
  build: (app: Application) => Operation,
): Promise<RequestedOperation> {
  return retryOnStaleWrite(async () => {
    const app = await client.get(ref);
    if (operationInProgress(app)) throw new CliError('another operation is already in progress');
    const operation = refusalAsCliError(() => build(app));
    const patch: JsonPatchOperation[] = [{ op: 'add', path: '/operation', value: operation }];
    if (app.status?.operationState) patch.push({ op: 'remove', path: '/status/operationState' });
    const requestedAt = Date.now();
    await client.patchIfUnchanged(ref, app.metadata.resourceVersion ?? '', patch);
    return { operation, baseline: baselineOf(app, requestedAt) };
  });
}

export type WaitResult =
  { outcome: 'finished'; app: Application; state: OperationState } | { outcome: 'timedOut'; app: Application };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the operation is done or `timeoutSeconds` (0: no limit) have passed. */
export async function waitForOperation(
  client: ApplicationClient,
  ref: AppRef,
  baseline: OperationBaseline,
  timeoutSeconds: number,
): Promise<WaitResult> {
  const deadline = timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
  for (;;) {
    const app = await client.find(ref);
    if (!app) throw new CliError(`${notFound(ref).message} (deleted while waiting for its operation)`);
    const state = finishedOperation(app, baseline);
    if (state) return { outcome: 'finished', app, state };
    if (Date.now() >= deadline) return { outcome: 'timedOut', app };
    await sleep(Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now())));
  }
}

export function timedOutError(ref: AppRef, timeoutSeconds: number): CliError {
  return new CliError(
    `timed out (${timeoutSeconds}s) waiting for the operation of application ${qualifiedAppName(ref)} to finish — it goes on; see: driftless app get ${qualifiedAppName(ref)}`,
    ExitCode.timedOut,
  );
}

/** Argo CD's outcome line for an operation that did not succeed. */
export function failedOperationError(state: OperationState): CliError {
  return new CliError(`Operation has completed with phase: ${state.phase}`);
}
