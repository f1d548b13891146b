// The private, writable copy of a workspace that exec runs in when asked for
// a `cwd`: binaries such as helm or kustomize write caches and follow paths,
// so they never see the shared checkout itself. Links that stay inside are
// kept (relative); a link that leaves the workspace fails the copy. Modes are
// reset (no setuid, no executable repo files), as Argo CD does for plugins.
//
// A copy can hold only some paths of the workspace (`workspacePaths` of an
// exec request): a chart in a monorepo needs its folder and value files, not
// the other thousand apps. Paths named later are added to the same copy; a
// link inside the copy brings its target along, so it never dangles.
import { constants } from 'node:fs';
import { copyFile, chmod, lstat, mkdir, readdir, readlink, realpath, stat, symlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { denied, hostError } from './denied';
import { inside } from './workspace';

export interface CopyLimits {
  maxFiles: number;
  maxBytes: number;
}

export const defaultCopyLimits: CopyLimits = { maxFiles: 100_000, maxBytes: 1024 * 1024 * 1024 };

/** File copies in flight at once: creating files is latency-bound, so overlapping them pays. */
const copyConcurrency = 16;

/** A `..` path segment, with either separator. */
export const parentSegment = /(^|[/\\])\.\.([/\\]|$)/;

/** A copy of one workspace, grown path by path (or all at once). */
export class WorkspaceCopy {
  private readonly totals = { files: 0, bytes: 0 };
  /** Workspace-relative paths copied with everything under them ("" = all). */
  private readonly covered = new Set<string>();
  private realRoot: string | undefined;

  constructor(
    private readonly source: string,
    readonly target: string,
    private readonly limits: CopyLimits = defaultCopyLimits,
  ) {}

  /** Adds `paths` (workspace-relative) to the copy, or the whole workspace without them. */
  async add(paths?: readonly string[]): Promise<void> {
    this.realRoot ??= await realpath(this.source);
    await mkdir(this.target, { recursive: true, mode: 0o755 });
    const pending = paths === undefined ? [''] : paths.map((path) => checkedPath(path));
    const files: { from: string; to: string }[] = [];
    while (pending.length) {
      const path = pending.shift() as string;
      if (this.isCovered(path)) continue;
      this.covered.add(path);
      await this.copyPath(path, files, pending);
    }
    await this.copyFiles(files);
  }

  private isCovered(path: string): boolean {
    if (this.covered.has('')) return true;
    for (let current = path; ; current = dirname(current)) {
      if (this.covered.has(current)) return true;
      if (current === '.' || current === '' || dirname(current) === current) return false;
    }
  }

  /** One path: a folder is walked; links found queue their targets in `pending`. */
  private async copyPath(path: string, files: { from: string; to: string }[], pending: string[]): Promise<void> {
    const root = this.realRoot as string;
    const from = path === '' ? root : join(root, path);
    let info;
    try {
      info = await lstat(from);
    } catch {
      return; // Not in this workspace: the binary reports the missing file itself.
    }
    // Parent folders of a path inside a subset copy may themselves be links: resolve them.
    const real = await realpath(from).catch(() => undefined);
    if (real === undefined || !inside(root, real)) throw denied(`workspace path "${path}" is an out-of-bounds symlink`);
    const to = path === '' ? this.target : join(this.target, path);
    await mkdir(dirname(to), { recursive: true, mode: 0o755 });
    if (info.isSymbolicLink()) await this.copyLink(from, to, pending);
    else if (info.isDirectory()) await this.visit(from, to, files, pending);
    else if (info.isFile()) this.addFile(from, to, files);
  }

  private async visit(dir: string, out: string, files: { from: string; to: string }[], pending: string[]) {
    await mkdir(out, { recursive: true, mode: 0o755 });
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const from = join(dir, entry.name);
      const to = join(out, entry.name);
      if (entry.isSymbolicLink()) await this.copyLink(from, to, pending);
      else if (entry.isDirectory()) await this.visit(from, to, files, pending);
      else if (entry.isFile()) this.addFile(from, to, files);
      // Sockets, FIFOs and devices are not copied.
    }
  }

  /** Keeps the link, pointing at the same place inside the copy, and makes sure that place is copied. */
  private async copyLink(from: string, to: string, pending: string[]): Promise<void> {
    const root = this.realRoot as string;
    const shown = relative(root, from);
    let real: string;
    try {
      real = await realpath(from);
    } catch {
      throw hostError('PLUGIN_CALL_FAILED', `workspace path "${shown}" is a broken or looping link`);
    }
    if (!inside(root, real)) throw denied(`workspace path "${shown}" is an out-of-bounds symlink`);
    const lexicalTarget = resolve(dirname(from), await readlink(from));
    const targetInRoot = inside(root, lexicalTarget) ? lexicalTarget : real;
    const mapped = join(this.target, relative(root, targetInRoot));
    await symlink(relative(dirname(to), mapped) || '.', to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const targetPath = relative(root, real);
    if (!this.isCovered(targetPath)) pending.push(targetPath);
  }

  private addFile(from: string, to: string, files: { from: string; to: string }[]): void {
    this.totals.files += 1;
    if (this.totals.files > this.limits.maxFiles)
      throw hostError('PLUGIN_LIMIT_EXCEEDED', `the workspace has more than ${this.limits.maxFiles} files`);
    files.push({ from, to });
  }

  /** The files, several at a time; a file already in the copy (written by an earlier exec) is kept. */
  private async copyFiles(files: { from: string; to: string }[]): Promise<void> {
    let next = 0;
    let failed = false;
    const lane = async (): Promise<void> => {
      // After a failure the other lanes stop too, so nothing writes into a copy being removed.
      while (next < files.length && !failed) {
        const { from, to } = files[next++] as { from: string; to: string };
        this.totals.bytes += (await stat(from)).size;
        if (this.totals.bytes > this.limits.maxBytes)
          throw hostError('PLUGIN_LIMIT_EXCEEDED', `the workspace is larger than ${this.limits.maxBytes} bytes`);
        try {
          await copyFile(from, to, constants.COPYFILE_EXCL);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw error;
        }
        await chmod(to, 0o644);
      }
    };
    const lanes = Array.from({ length: Math.min(copyConcurrency, files.length) }, () =>
      lane().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
    const results = await Promise.allSettled(lanes);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}

/** A workspace-relative path from a plugin: no absolute paths, no `..`. "." and "" mean the whole workspace. */
export function checkedPath(path: unknown): string {
  if (typeof path !== 'string' || path.includes('\0')) throw denied('exec workspacePaths must be strings');
  if (isAbsolute(path) || parentSegment.test(path))
    throw denied(`exec workspace path "${path.slice(0, 100)}" must be relative to the workspace root, without ..`);
  const clean = path
    .split(/[/\\]+/)
    .filter((segment) => segment !== '' && segment !== '.')
    .join(sep);
  return clean;
}
