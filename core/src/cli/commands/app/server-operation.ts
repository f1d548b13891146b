// `app sync|rollback` against the Driftless server (the default; --core
// writes the Application directly): the mutation requests the operation with
// the logged-in user as its initiator, then the command polls the
// applicationOperation query until the controller has finished it and prints
// Argo CD's report.
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { renderTable, render, type OutputFormat } from '../../output';
import { applicationFields, describeApplication, type ApplicationView } from './application-fields';
import { type ServerAppRef } from './server-app-ref';
import { describeOperation, resourceStateColumns, type ResourceStateRow } from './operation-report';
import { isTerminalPhase } from '../../../apps/operations/operation-state';
import { POLL_INTERVAL_MS } from './operation-request';

interface OperationView {
  pending: boolean;
  state: {
    phase: string;
    message: string | null;
    startedAt: string;
    finishedAt: string | null;
    revision: string | null;
    resources: {
      group: string;
      kind: string;
      namespace: string;
      name: string;
      status: string | null;
      hookPhase: string | null;
      hookType: string | null;
      message: string | null;
    }[];
  } | null;
}

const OPERATION_QUERY = `query ($name: String!, $appNamespace: String) {
  applicationOperation(name: $name, appNamespace: $appNamespace) {
    pending
    state { phase message startedAt finishedAt revision
      resources { group kind namespace name status hookPhase hookType message } }
  }
}`;

export interface ServerFlowOptions {
  async?: boolean;
  timeout: number;
  output: OutputFormat;
}

const appVariables = (ref: ServerAppRef) => ({
  name: ref.name,
  ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}),
});

async function operationOf(options: ServerOptions, ref: ServerAppRef): Promise<OperationView> {
  return (await graphqlRequest<{ applicationOperation: OperationView }>(options, OPERATION_QUERY, appVariables(ref)))
    .applicationOperation;
}

/** Sends `mutation` (which requests the operation), then waits for it unless `async`. */
export async function runServerOperation(
  options: ServerOptions,
  ref: ServerAppRef,
  mutation: string,
  variables: Record<string, unknown>,
  flow: ServerFlowOptions,
): Promise<void> {
  const before = await operationOf(options, ref);
  const previousStart = before.state ? Date.parse(before.state.startedAt) : Number.NaN;
  const requestedAt = Math.floor(Date.now() / 1000) * 1000;
  await graphqlRequest(options, mutation, { ...appVariables(ref), ...variables });
  if (flow.async) {
    process.stderr.write(`Operation requested for application ${ref.display}\n`);
    return;
  }
  const deadline = flow.timeout > 0 ? Date.now() + flow.timeout * 1000 : Number.POSITIVE_INFINITY;
  for (;;) {
    const current = await operationOf(options, ref);
    const state = current.state;
    const started = state ? Date.parse(state.startedAt) : Number.NaN;
    const ours = state !== null && (started >= requestedAt || Number.isNaN(previousStart) || started > previousStart);
    if (!current.pending && state && ours && isTerminalPhase(state.phase as never)) {
      process.stdout.write(await report(options, ref, state, flow.output));
      if (state.phase !== 'Succeeded') throw new CliError(`Operation has completed with phase: ${state.phase}`);
      return;
    }
    if (Date.now() >= deadline)
      throw new CliError(
        `timed out (${flow.timeout}s) waiting for the operation of application ${ref.display} to finish — it goes on; see: driftless app get ${ref.display}`,
        ExitCode.timedOut,
      );
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now()))));
  }
}

async function report(
  options: ServerOptions,
  ref: ServerAppRef,
  state: NonNullable<OperationView['state']>,
  output: OutputFormat,
): Promise<string> {
  if (output !== 'table' && output !== 'wide')
    return render({ data: state, rows: [state], columns: [], name: () => ref.display }, output);
  const { application } = await graphqlRequest<{ application: ApplicationView | null }>(
    options,
    `query ($name: String!) { application(name: $name) { ${applicationFields} } }`,
    { name: ref.name },
  );
  const sections = application && ref.namespace === undefined ? [describeApplication(application)] : [];
  sections.push(
    describeOperation({
      operation: {},
      phase: state.phase as never,
      startedAt: state.startedAt,
      ...(state.message ? { message: state.message } : {}),
      ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
      ...(state.revision ? { syncResult: { revision: state.revision, resources: [] } } : {}),
    }),
  );
  const rows: ResourceStateRow[] = state.resources.map((result) => ({
    group: result.group,
    kind: result.kind,
    namespace: result.namespace,
    name: result.name,
    status: result.hookType ? (result.hookPhase ?? '') : (result.status ?? ''),
    health: result.hookType ? (result.status ?? '') : '',
    hook: result.hookType ?? '',
    message: result.message ?? '',
  }));
  if (rows.length > 0) sections.push(renderTable(rows, resourceStateColumns));
  return sections.join('\n');
}
