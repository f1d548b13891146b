// The JSON patches of `app add-source` and `app remove-source`. add-source
// appends to spec.sources; a single-source app becomes spec.sources [its
// source, the new one] (Argo CD's own add-source refuses such an app).
// remove-source keeps spec.sources even with one entry left, as Argo CD
// does, and refuses to remove the last source. Each patch tests the part it
// was computed from first. Pure.
import { type ApplicationSource } from '@driftless/schema';
import { CliError, ExitCode } from '../../exit-codes';
import { type JsonPatchOperation } from './application-client';
import { sourceAt, type SourcesSpec } from './source-position';

/** The flags that describe a new source (a subset of Argo CD's app flags). */
export interface SourceFlags {
  repo?: string;
  path?: string;
  helmChart?: string;
  chart?: string;
  revision?: string;
  ref?: string;
  sourceName?: string;
  values?: string[];
}

export function sourceFromFlags(flags: SourceFlags): ApplicationSource {
  if (!flags.repo) throw new CliError('a source needs --repo URL', ExitCode.usage);
  const chart = flags.helmChart ?? flags.chart;
  if (chart !== undefined && flags.path !== undefined)
    throw new CliError(
      'give --path (a Git source) or --helm-chart (a Helm repository source), not both',
      ExitCode.usage,
    );
  return {
    repoURL: flags.repo,
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    ...(chart !== undefined ? { chart } : {}),
    ...(flags.revision !== undefined ? { targetRevision: flags.revision } : {}),
    ...(flags.ref !== undefined ? { ref: flags.ref } : {}),
    ...(flags.sourceName !== undefined ? { name: flags.sourceName } : {}),
    ...(flags.values?.length ? { helm: { valueFiles: flags.values } } : {}),
  };
}

export function addSourceOperations(
  spec: SourcesSpec,
  source: ApplicationSource,
  appName: string,
): JsonPatchOperation[] {
  if (spec.sources?.length)
    return [
      { op: 'test', path: '/spec/sources', value: spec.sources },
      { op: 'add', path: '/spec/sources/-', value: source },
    ];
  if (!spec.source) throw new CliError(`application '${appName}' has no source`, ExitCode.failed);
  return [
    { op: 'test', path: '/spec/source', value: spec.source },
    { op: 'remove', path: '/spec/source' },
    { op: 'add', path: '/spec/sources', value: [spec.source, source] },
  ];
}

export function removeSourceOperations(
  spec: SourcesSpec,
  position: number | undefined,
  appName: string,
): JsonPatchOperation[] {
  if (position === undefined)
    throw new CliError('give the source to remove with --source-position N (counting starts at 1)', ExitCode.usage);
  const sources = spec.sources ?? [];
  if (sources.length === 0)
    throw new CliError(
      `application '${appName}' has a single source (spec.source), which cannot be removed — delete the application instead`,
      ExitCode.failed,
    );
  if (sources.length === 1)
    throw new CliError(`cannot remove the only source of application '${appName}'`, ExitCode.failed);
  const slot = sourceAt(spec, position, appName);
  return [
    { op: 'test', path: '/spec/sources', value: sources },
    { op: 'remove', path: slot.pointer },
  ];
}
