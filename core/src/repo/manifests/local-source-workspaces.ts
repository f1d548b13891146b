// A source on local disk, for offline rendering (`driftless admin manifests`):
// the workspace is the directory itself (or the git work tree it is in, so
// `../base` references work), the revision is what git says HEAD is, and
// nothing is cached.
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { type SourceWorkspaces } from './render-ports';

const run = promisify(execFile);

export interface LocalSource {
  /** Workspace root. */
  root: string;
  /** The app path inside it, `/`-separated. */
  path: string;
  revision: string;
}

/** Finds the workspace root for a local directory: its git work tree, else the directory. */
export async function localSource(directory: string): Promise<LocalSource> {
  const dir = await realpath(directory);
  const git = async (...args: string[]): Promise<string | undefined> => {
    try {
      return (await run('git', ['-C', dir, ...args], { timeout: 10_000 })).stdout.trim();
    } catch {
      return undefined;
    }
  };
  const top = await git('rev-parse', '--show-toplevel');
  const root = top ? await realpath(top) : dir;
  const path = relative(root, dir).split(sep).join('/') || '.';
  return { root, path, revision: (top && (await git('rev-parse', 'HEAD'))) || 'local' };
}

export function localSourceWorkspaces(source: LocalSource): SourceWorkspaces {
  return {
    resolve: () => Promise.resolve(source.revision),
    open: () => Promise.resolve(source.root),
    objectHashes: () => Promise.resolve(undefined),
  };
}
