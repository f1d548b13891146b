// The part `app sync` and `app rollback` share after building their
// operation: write it, then (unless --async) wait, print the report and turn
// the outcome into the exit code — Failed/Error → 1, out of time → 4.
import { type Application, type Operation } from '@driftless/schema';
import { type OutputFormat } from '../../output';
import { qualifiedAppName, type AppRef } from './app-ref';
import { type ApplicationClient } from './application-client';
import { renderOperationReport } from './operation-report';
import { failedOperationError, requestOperation, timedOutError, waitForOperation } from './operation-request';

export interface OperationFlowOptions {
  async?: boolean;
  timeout: number;
  output: OutputFormat;
}

export async function runOperation(
  client: ApplicationClient,
  ref: AppRef,
  build: (app: Application) => Operation,
  options: OperationFlowOptions,
): Promise<void> {
  const { operation, baseline } = await requestOperation(client, ref, build);
  const selected = operation.sync?.resources ?? [];
  if (options.async) {
    process.stderr.write(`Operation requested for application ${qualifiedAppName(ref)}\n`);
    return;
  }
  const result = await waitForOperation(client, ref, baseline, options.timeout);
  if (result.outcome === 'timedOut') {
    const current = result.app.status?.operationState;
    process.stdout.write(renderOperationReport(result.app, current, selected, options.output));
    throw timedOutError(ref, options.timeout);
  }
  process.stdout.write(renderOperationReport(result.app, result.state, selected, options.output));
  if (result.state.phase !== 'Succeeded') throw failedOperationError(result.state);
}
