/** Small helpers the Argo CD rules share. Rules run after the schema check, on a null-pruned copy. */
import type { Path } from '../json-path';
import type { RawIssue } from '../schema-messages';

export type Issues = RawIssue[];

export const error = (path: Path, message: string): RawIssue => ({ path, message, severity: 'error' });
export const warning = (path: Path, message: string): RawIssue => ({ path, message, severity: 'warning' });

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** ApplicationSet templates hold `{{ … }}` placeholders that only have a value after rendering. */
export function isTemplated(value: string): boolean {
  return value.includes('{{');
}

/** Go's time.ParseDuration grammar, e.g. "5s", "1h30m", "1.5h"; "0" alone is allowed. */
export function isGoDuration(value: string): boolean {
  return value === '0' || /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(value);
}

export function quote(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** An error when `value` is a string outside `allowed` (templated values pass). */
export function checkEnum(path: Path, value: unknown, allowed: readonly string[], what: string): Issues {
  if (typeof value !== 'string' || isTemplated(value) || allowed.includes(value)) return [];
  return [error(path, `'${value}' is not a valid ${what}; use one of ${quote(allowed)}`)];
}
