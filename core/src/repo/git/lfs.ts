// Whether git-lfs is available. Checkouts of repositories with enableLfs fail
// with a clear message without it.
import { execFile } from 'node:child_process';

let installed: Promise<boolean> | undefined;

export function isLfsInstalled(): Promise<boolean> {
  installed ??= new Promise((resolve) => {
    execFile(
      'git',
      ['lfs', 'version'],
      { timeout: 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
      (error) => resolve(!error),
    );
  });
  return installed;
}
