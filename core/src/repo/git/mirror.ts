// One bare mirror per normalized repository URL, shared by every application
// of that repository. Only what is needed is fetched: the commit asked for
// (kept alive by a ref under refs/driftless/), else the branch it came from,
// else all branches and tags. Fetches into one mirror run one at a time;
// reading a mirror never waits for them.
import { createHash } from 'node:crypto';
import { mkdtemp, rename, rm, stat, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyedMutex, SingleFlight } from './concurrency';
import { GitError } from './git-error';
import type { GitConnection } from './git-repo-access';
import type { GitCommand } from './git-runner';

/** What the mirror needs from the cache: git with and without the network. */
export interface MirrorGit {
  remote(connection: GitConnection, command: GitCommand): Promise<Buffer>;
  local(connection: GitConnection, command: GitCommand): Promise<Buffer>;
  localSucceeds(connection: GitConnection, command: GitCommand): Promise<Buffer | undefined>;
}

export function mirrorId(connection: GitConnection): string {
  return createHash('sha256').update(connection.url.mirrorKey).digest('hex').slice(0, 32);
}

export class Mirrors {
  private readonly fetchLock = new KeyedMutex();
  private readonly initFlight = new SingleFlight<string>();
  private readonly ready = new Set<string>();
  private readonly present = new Set<string>();
  private readonly commitChecks = new SingleFlight<boolean>();

  constructor(
    private readonly mirrorsDir: string,
    private readonly tempDir: string,
    private readonly git: MirrorGit,
  ) {}

  dirFor(connection: GitConnection): string {
    return join(this.mirrorsDir, `${mirrorId(connection)}.git`);
  }

  /** The mirror's directory, created (atomically) on first use. */
  async ensure(connection: GitConnection): Promise<string> {
    const dir = this.dirFor(connection);
    if (this.ready.has(dir)) return dir;
    return this.initFlight.run(dir, async () => {
      if (!(await exists(dir))) {
        const staging = await mkdtemp(join(this.tempDir, 'mirror-'));
        try {
          await this.git.local(connection, {
            operation: 'init',
            args: ['init', '--bare', '--quiet', staging],
            cwd: this.tempDir,
          });
          const url = connection.url.transportUrl.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
          await appendFile(join(staging, 'config'), `[gc]\n\tauto = 0\n[remote "origin"]\n\turl = "${url}"\n`);
          await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
            if (!(await exists(dir))) throw error;
          });
        } finally {
          await rm(staging, { recursive: true, force: true });
        }
      }
      this.ready.add(dir);
      return dir;
    });
  }

  async hasCommit(connection: GitConnection, commit: string): Promise<boolean> {
    const dir = await this.ensure(connection);
    const key = `${dir}\0${commit}`;
    if (this.present.has(key)) return true;
    // A thousand apps asking about a new commit at once share one `git cat-file`.
    return this.commitChecks.run(key, () => this.checkCommit(connection, dir, commit));
  }

  /** Asks git; a positive answer is remembered (commits never leave a mirror: kept by refs, gc off). */
  private async checkCommit(connection: GitConnection, dir: string, commit: string): Promise<boolean> {
    // Callers queued behind a fetch find the commit the first of them fetched without asking git again.
    if (this.present.has(`${dir}\0${commit}`)) return true;
    const found = await this.git.localSucceeds(connection, {
      operation: 'cat-file',
      args: ['cat-file', '-e', `${commit}^{commit}`],
      cwd: dir,
    });
    if (found !== undefined) this.present.add(`${dir}\0${commit}`);
    return found !== undefined;
  }

  /** Makes sure `commit` is in the mirror; `refHint` is the ref it was resolved from, if any. */
  async ensureCommit(connection: GitConnection, commit: string, refHint?: string): Promise<string> {
    const dir = await this.ensure(connection);
    if (await this.hasCommit(connection, commit)) return dir;
    await this.fetchLock.lock(dir, async () => {
      if (await this.checkCommit(connection, dir, commit)) return;
      const attempts: string[][] = [[`+${commit}:refs/driftless/${commit}`]];
      if (refHint?.startsWith('refs/')) attempts.push([`+${refHint}:${refHint}`]);
      attempts.push(['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']);
      for (const refspecs of attempts) {
        try {
          await this.fetch(connection, dir, refspecs);
          if (await this.checkCommit(connection, dir, commit)) return;
        } catch (error) {
          // Servers may refuse unadvertised SHAs; only a missing revision moves on to the next refspec.
          if (!(error instanceof GitError) || error.code !== 'REVISION_NOT_FOUND') throw error;
        }
      }
      throw new GitError(
        'REVISION_NOT_FOUND',
        `commit ${commit} was not found in repository ${connection.url.displayUrl}: check the revision (it may have been force-pushed away)`,
      );
    });
    return dir;
  }

  /** Fetches every branch and tag (for abbreviated SHAs). */
  async fetchAll(connection: GitConnection): Promise<string> {
    const dir = await this.ensure(connection);
    await this.fetchLock.lock(dir, () =>
      this.fetch(connection, dir, ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']),
    );
    return dir;
  }

  private async fetch(connection: GitConnection, dir: string, refspecs: string[]): Promise<void> {
    const depth = connection.depth !== undefined ? [`--depth=${connection.depth}`] : [];
    await this.git.remote(connection, {
      operation: 'fetch',
      args: [
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        ...depth,
        '--end-of-options',
        connection.url.transportUrl,
        ...refspecs,
      ],
      cwd: dir,
    });
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
