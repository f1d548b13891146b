// Where checkouts live: one directory per repository and commit, built in a
// staging directory and renamed into place (so a half-written tree is never
// visible), read-only once there, and removed when unused for a while.
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectoriesWritable, makeReadOnly } from './tree-files';

export class CheckoutStore {
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly checkoutsDir: string,
    private readonly tempDir: string,
  ) {}

  dirFor(mirrorId: string, commit: string): string {
    return join(this.checkoutsDir, mirrorId, commit);
  }

  /** True when the checkout exists; marks it used. */
  async lookup(dir: string): Promise<boolean> {
    if (this.lastUsed.has(dir)) {
      this.lastUsed.set(dir, Date.now());
      return true;
    }
    try {
      await stat(dir);
    } catch {
      return false;
    }
    this.lastUsed.set(dir, Date.now());
    return true;
  }

  /** `fill` writes the tree and says whether it left it read-only already (else this does it). */
  async build(dir: string, fill: (staging: string) => Promise<'read-only' | 'writable'>): Promise<void> {
    const staging = await mkdtemp(join(this.tempDir, 'checkout-'));
    try {
      if ((await fill(staging)) === 'writable') await makeReadOnly(staging);
      await mkdir(join(dir, '..'), { recursive: true });
      // Moving a folder to another parent needs write access to it (its `..` entry) unless root.
      await chmod(staging, 0o755);
      await rename(staging, dir);
      await chmod(dir, 0o555);
    } catch (error) {
      await this.remove(staging);
      // Another process finished the same checkout first: theirs is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    this.lastUsed.set(dir, Date.now());
  }

  /** Removes checkouts not used for `olderThanMs`, except those `busy` names. */
  async prune(olderThanMs: number, busy: (dir: string) => boolean): Promise<number> {
    const now = Date.now();
    let removed = 0;
    for (const repo of await readdir(this.checkoutsDir).catch(() => [])) {
      for (const commit of await readdir(join(this.checkoutsDir, repo)).catch(() => [])) {
        const dir = join(this.checkoutsDir, repo, commit);
        if (busy(dir)) continue;
        const used = this.lastUsed.get(dir) ?? (await stat(dir).catch(() => undefined))?.mtimeMs;
        if (used === undefined || now - used < olderThanMs) continue;
        this.lastUsed.delete(dir);
        const trash = join(this.tempDir, `trash-${repo}-${commit}-${now}`);
        try {
          await rename(dir, trash);
        } catch {
          continue;
        }
        await this.remove(trash);
        removed += 1;
      }
    }
    return removed;
  }

  private async remove(dir: string): Promise<void> {
    await makeDirectoriesWritable(dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
