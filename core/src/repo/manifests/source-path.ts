// The `path` of an Application source: relative to the repository root and
// never leaving it (Argo CD refuses `..` that climbs out and absolute paths).
import { posix } from 'node:path';

export class SourcePathError extends Error {}

/** Normalises `path` to a `/`-separated path inside the root (`.` for the root). */
export function normalizeSourcePath(path: string | undefined): string {
  const raw = (path ?? '').trim();
  if (raw.includes('\0')) throw new SourcePathError('source path contains a NUL character');
  if (raw.startsWith('/'))
    throw new SourcePathError(`source path "${raw}" is absolute; use a path relative to the repository root`);
  const normalized = posix.normalize(raw === '' ? '.' : raw).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../'))
    throw new SourcePathError(`source path "${raw}" leaves the repository root`);
  return normalized === '' ? '.' : normalized;
}
