// The private, writable copy of a workspace that exec runs in when asked for
// a `cwd`: binaries such as helm or kustomize write caches and follow paths,
// so they never see the shared checkout itself. Links that stay inside are
// kept (relative); a link that leaves the workspace fails the copy. Modes are
// reset (no setuid, no executable repo files), as Argo CD does for plugins.
import { copyFile, chmod, mkdir, readdir, readlink, realpath, stat, symlink } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { denied, hostError } from './denied';
import { inside } from './workspace';

export interface CopyLimits {
  maxFiles: number;
  maxBytes: number;
}

export const defaultCopyLimits: CopyLimits = { maxFiles: 100_000, maxBytes: 1024 * 1024 * 1024 };

/** File copies in flight at once: creating files is latency-bound, so overlapping them pays. */
const copyConcurrency = 16;

export async function copyWorkspace(
  source: string,
  target: string,
  limits: CopyLimits = defaultCopyLimits,
): Promise<void> {
  const realRoot = await realpath(source);
  const totals = { files: 0, bytes: 0 };
  const files: { from: string; to: string }[] = [];
  // First the tree: directories and links, in order; files are only listed.
  const visit = async (dir: string, out: string): Promise<void> => {
    await mkdir(out, { recursive: true, mode: 0o755 });
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const from = join(dir, entry.name);
      const to = join(out, entry.name);
      const shown = relative(realRoot, from);
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = await realpath(from);
        } catch {
          throw hostError('PLUGIN_CALL_FAILED', `workspace path "${shown}" is a broken or looping link`);
        }
        if (!inside(realRoot, real)) throw denied(`workspace path "${shown}" is an out-of-bounds symlink`);
        // Keep the link, pointing at the same place inside the copy.
        const lexicalTarget = resolve(dirname(from), await readlink(from));
        const mapped = join(target, relative(realRoot, inside(realRoot, lexicalTarget) ? lexicalTarget : real));
        await symlink(relative(dirname(to), mapped) || '.', to);
      } else if (entry.isDirectory()) {
        await visit(from, to);
      } else if (entry.isFile()) {
        totals.files += 1;
        if (totals.files > limits.maxFiles)
          throw hostError('PLUGIN_LIMIT_EXCEEDED', `the workspace has more than ${limits.maxFiles} files`);
        files.push({ from, to });
      }
      // Sockets, FIFOs and devices are not copied.
    }
  };
  await visit(realRoot, target);
  // Then the files, several at a time.
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    // After a failure the other lanes stop too, so nothing writes into a copy being removed.
    while (next < files.length && !failed) {
      const { from, to } = files[next++] as { from: string; to: string };
      totals.bytes += (await stat(from)).size;
      if (totals.bytes > limits.maxBytes)
        throw hostError('PLUGIN_LIMIT_EXCEEDED', `the workspace is larger than ${limits.maxBytes} bytes`);
      await copyFile(from, to);
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
