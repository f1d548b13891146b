// Which source of an application a command works on, as Argo CD's
// --source-position: counting starts at 1; an app with spec.sources must name
// one, a single-source app (spec.source) has only position 1. Pure.
import { type ApplicationSource } from '@driftless/schema';
import { InvalidArgumentError, Option } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';

/** The parts of a spec that hold its sources. */
export interface SourcesSpec {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

/** One source and where it lives in the Application (a JSON pointer), for a patch. */
export interface SourceSlot {
  pointer: string;
  source: ApplicationSource;
}

export function sourcePositionOption(description: string): Option {
  return new Option('--source-position <n>', `${description} (counting starts at 1)`).argParser((value: string) => {
    const position = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(position) || position < 1)
      throw new InvalidArgumentError('expected a source position: a whole number from 1');
    return position;
  });
}

export const isMultiSource = (spec: SourcesSpec): boolean => (spec.sources?.length ?? 0) > 0;

/** The source at `position` (undefined: not given); a position the app does not have is a usage error. */
export function sourceAt(spec: SourcesSpec, position: number | undefined, appName: string): SourceSlot {
  const sources = spec.sources ?? [];
  if (sources.length > 0) {
    if (position === undefined)
      throw new CliError(
        `application '${appName}' has ${sources.length} sources: name one with --source-position 1 to ${sources.length}`,
        ExitCode.usage,
      );
    const source = sources[position - 1];
    if (!source)
      throw new CliError(
        `application '${appName}' has no source at position ${position}: --source-position must be 1 to ${sources.length}`,
        ExitCode.usage,
      );
    return { pointer: `/spec/sources/${position - 1}`, source };
  }
  if (!spec.source) throw new CliError(`application '${appName}' has no source`, ExitCode.failed);
  if (position !== undefined && position !== 1)
    throw new CliError(
      `application '${appName}' has a single source: --source-position must be 1 or left out`,
      ExitCode.usage,
    );
  return { pointer: '/spec/source', source: spec.source };
}
