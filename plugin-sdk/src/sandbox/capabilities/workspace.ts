// host.workspace: a read-only view of the checked-out source of this call.
// Absolute paths, `..` and symlinks that leave the root are refused. A path
// `$name/...` reads the workspace of the source with `ref: name`.
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type WalkOptions, type WorkspaceEntry, type WorkspaceFile } from '../../host-api';
import { denied, hostError } from './denied';

export const maxWorkspaceFileBytes = 8 * 1024 * 1024;
export const defaultMaxWalkFiles = 10_000;

/** The roots a call may read: its own workspace and those of its ref sources. */
export interface WorkspaceRoots {
  root?: string | undefined;
  refs?: Record<string, string> | undefined;
}

export function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const refPrefix = /^\$([A-Za-z0-9_-]+)(?:\/|$)/;

function shown(path: string): string {
  return path.slice(0, 200);
}

/** Picks the root a path reads from and the path inside it. */
function rootOf(roots: WorkspaceRoots | string | undefined, path: string): { root: string; inner: string } {
  const { root, refs } = typeof roots === 'object' ? roots : { root: roots, refs: undefined };
  const ref = refPrefix.exec(path);
  if (ref) {
    const name = ref[1] ?? '';
    const refRoot = refs && Object.hasOwn(refs, name) ? refs[name] : undefined;
    if (!refRoot) throw denied(`workspace path "${shown(path)}" names source ref "${name}", which this call has not`);
    return { root: refRoot, inner: path.slice(ref[0].length) || '.' };
  }
  if (root === undefined) throw denied('workspace is not available to this call');
  return { root, inner: path };
}

/** Resolves `path` inside its root, following symlinks, or throws PLUGIN_CAPABILITY_DENIED. */
export async function resolveInWorkspace(roots: WorkspaceRoots | string | undefined, path: unknown): Promise<string> {
  if (typeof path !== 'string' || path.includes('\0')) throw denied('workspace paths must be strings');
  const { root, inner } = rootOf(roots, path);
  if (isAbsolute(inner))
    throw denied(`workspace path "${shown(path)}" is absolute; use a path relative to the workspace root`);
  const realRoot = await realpath(root);
  const lexical = resolve(realRoot, inner);
  if (!inside(realRoot, lexical)) throw denied(`workspace path "${shown(path)}" leaves the workspace`);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw hostError('PLUGIN_CALL_FAILED', `workspace path "${shown(path)}" does not exist`);
  }
  if (!inside(realRoot, real)) throw denied(`workspace path "${shown(path)}" is a link that leaves the workspace`);
  return real;
}

export async function workspaceReadFile(roots: WorkspaceRoots | string | undefined, path: unknown): Promise<string> {
  const file = await resolveInWorkspace(roots, path);
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

export async function workspaceReadFiles(
  roots: WorkspaceRoots | string | undefined,
  paths: unknown,
  maxTotalBytes = 64 * 1024 * 1024,
): Promise<Record<string, string>> {
  if (!Array.isArray(paths)) throw denied('workspace.readFiles takes an array of paths');
  const files: Record<string, string> = {};
  let total = 0;
  for (const path of paths) {
    const content = await workspaceReadFile(roots, path);
    total += content.length;
    if (total > maxTotalBytes)
      throw hostError('PLUGIN_LIMIT_EXCEEDED', `workspace.readFiles read more than ${maxTotalBytes} bytes`);
    files[path as string] = content;
  }
  return files;
}

export async function workspaceExists(roots: WorkspaceRoots | string | undefined, path: unknown): Promise<boolean> {
  try {
    await resolveInWorkspace(roots, path);
    return true;
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return false;
    throw error;
  }
}

export async function workspaceList(
  roots: WorkspaceRoots | string | undefined,
  path: unknown,
): Promise<WorkspaceEntry[]> {
  const dir = await resolveInWorkspace(roots, path === '' ? '.' : path);
  const realRoot = await realpath(rootOf(roots, String(path)).root);
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

const maxLinkDepth = 40;

/** Every file under `path`, as Argo CD walks an app directory: links must stay inside, `.git` is skipped. */
export async function workspaceWalk(
  roots: WorkspaceRoots | string | undefined,
  path: unknown,
  options: WalkOptions = {},
): Promise<WorkspaceFile[]> {
  const start = await resolveInWorkspace(roots, path === '' ? '.' : path);
  const { root } = rootOf(roots, String(path));
  const realRoot = await realpath(root);
  const ref = refPrefix.exec(String(path))?.[1];
  const prefix = ref === undefined ? undefined : `$${ref}/`;
  const recurse = options.recurse !== false;
  const maxFiles = typeof options.maxFiles === 'number' ? options.maxFiles : defaultMaxWalkFiles;
  const files: WorkspaceFile[] = [];
  const visit = async (dir: string, shownDir: string, depth: number): Promise<void> => {
    if (depth > maxLinkDepth) throw hostError('PLUGIN_LIMIT_EXCEEDED', `workspace path "${shownDir}" nests too deep`);
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.git') continue;
      const lexical = join(dir, entry.name);
      const shownPath = shownDir === '.' ? entry.name : `${shownDir}/${entry.name}`;
      let target = lexical;
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(lexical);
        } catch {
          throw hostError('PLUGIN_CALL_FAILED', `workspace path "${shown(shownPath)}" is a broken or looping link`);
        }
        if (!inside(realRoot, target)) throw denied(`workspace path "${shown(shownPath)}" is an out-of-bounds symlink`);
      }
      const info = await stat(target);
      if (info.isDirectory()) {
        if (recurse) await visit(target, shownPath, depth + 1);
      } else if (info.isFile()) {
        files.push({ path: prefix ? `${prefix}${shownPath}` : shownPath, size: info.size });
        if (files.length > maxFiles)
          throw hostError(
            'PLUGIN_LIMIT_EXCEEDED',
            `workspace path "${shown(String(path))}" has more than ${maxFiles} files`,
          );
      }
    }
  };
  const startRelative = relative(realRoot, start).split(sep).join('/');
  await visit(start, startRelative === '' ? '.' : startRelative, 0);
  return files;
}
