// Helpers shared by the Git transport suites.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { GitError } from '../../core/src/repo/git';
import { rejectionOf } from '../support/rejection';

/** The GitError a promise rejects with (fails the test when it resolves or throws something else). */
export function caught(work: Promise<unknown>): Promise<GitError> {
  return rejectionOf(work, GitError);
}

/** Everything about an error a user or a log could see. */
export function visibleText(error: Error): string {
  return `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error)}`;
}

/** Removes a test directory; checkouts in it are read-only, which stops a non-root `rm`. */
export async function removeTestDir(dir: string): Promise<void> {
  await new Promise<void>((resolve) => execFile('chmod', ['-R', 'u+w', dir], () => resolve()));
  await rm(dir, { recursive: true, force: true });
}
