// Parsers for `driftless app sync` flag values, as commander argParsers: a
// bad value is a usage error (exit 2) before anything is read or written.
// Pure.
import { parseDuration } from '@driftless/diff';
import { InvalidArgumentError } from 'commander';
import { invalidSyncOptions } from '../../../sync/sync-options';

/** `--sync-option Key=Value`, repeatable; only the options Argo CD knows (inventory §1.5). */
export function collectSyncOption(value: string, previous: string[] = []): string[] {
  const [problem] = invalidSyncOptions([value]);
  if (problem) throw new InvalidArgumentError(problem);
  return [...previous, value.trim()];
}

/** `--info key=value`, repeatable; a later value for the same key wins. */
export function collectInfo(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  const key = value.slice(0, at);
  return [...previous.filter(([name]) => name !== key), [key, value.slice(at + 1)]];
}

/** A Go duration ("30s", "2m", "1h30m"), as --retry-backoff-duration takes it. */
export function goDuration(value: string): string {
  const nanoseconds = parseDuration(value);
  if (nanoseconds === undefined || nanoseconds < 0)
    throw new InvalidArgumentError(`"${value}" is not a duration (e.g. 5s, 2m, 1h30m)`);
  return value.trim();
}

/** A whole number, possibly negative (`--retry-limit -1` retries without limit, as in Argo CD). */
export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return Number(value);
}
