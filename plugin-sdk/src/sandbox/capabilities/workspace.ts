// host.workspace: a read-only view of the checked-out source of this call.
// Absolute paths, `..` and symlinks that leave the root are refused.
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type WorkspaceEntry } from '../../host-api';
import { denied, hostError } from './denied';

export const maxWorkspaceFileBytes = 8 * 1024 * 1024;

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Resolves `path` inside `root`, following symlinks, or throws PLUGIN_CAPABILITY_DENIED. */
export async function resolveInWorkspace(root: string | undefined, path: unknown): Promise<string> {
  if (root === undefined) throw denied('workspace is not available to this call');
  if (typeof path !== 'string' || path.includes('\0')) throw denied('workspace paths must be strings');
  if (isAbsolute(path))
    throw denied(`workspace path "${path.slice(0, 200)}" is absolute; use a path relative to the workspace root`);
  const realRoot = await realpath(root);
  const lexical = resolve(realRoot, path);
  if (!inside(realRoot, lexical)) throw denied(`workspace path "${path.slice(0, 200)}" leaves the workspace`);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw hostError('PLUGIN_CALL_FAILED', `workspace path "${path.slice(0, 200)}" does not exist`);
  }
  if (!inside(realRoot, real))
    throw denied(`workspace path "${path.slice(0, 200)}" is a link that leaves the workspace`);
  return real;
}

export async function workspaceReadFile(root: string | undefined, path: unknown): Promise<string> {
  const file = await resolveInWorkspace(root, path);
  const info = await stat(file);
  if (!info.isFile()) throw hostError('PLUGIN_CALL_FAILED', `workspace path "${String(path)}" is not a file`);
  if (info.size > maxWorkspaceFileBytes) {
    throw hostError(
      'PLUGIN_LIMIT_EXCEEDED',
      `workspace file "${String(path)}" is larger than ${maxWorkspaceFileBytes} bytes`,
    );
  }
  return readFile(file, 'utf8');
}

export async function workspaceList(root: string | undefined, path: unknown): Promise<WorkspaceEntry[]> {
  const dir = await resolveInWorkspace(root, path === '' ? '.' : path);
  const realRoot = await realpath(root ?? dir);
  const entries: WorkspaceEntry[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    let target = join(dir, entry.name);
    if ((await lstat(target)).isSymbolicLink()) {
      try {
        target = await realpath(target);
      } catch {
        continue;
      }
      if (!inside(realRoot, target)) continue;
    }
    const info = await stat(target);
    if (info.isFile()) entries.push({ name: entry.name, type: 'file' });
    else if (info.isDirectory()) entries.push({ name: entry.name, type: 'directory' });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}
