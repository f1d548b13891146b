// Real repositories for the Git transport tests: a bare repository (what the
// servers serve) fed from a work tree next to it, with deterministic authors
// and dates, tags (lightweight or annotated), branches and submodules.
import { execFile } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface CommitOptions {
  message?: string;
  /** Lightweight tags on the new commit. */
  tags?: string[];
  annotatedTags?: string[];
  /** Branches (besides the current one) set to the new commit. */
  branches?: string[];
  /** Submodules: path → { url, commit }. */
  submodules?: Record<string, { url: string; commit: string }>;
}

/** File content; null deletes the file, `{ symlink }` makes a symbolic link. */
export type FileContent = string | null | { symlink: string };

let clock = 1_700_000_000;

async function git(cwd: string, args: string[]): Promise<string> {
  clock += 60;
  const date = `${clock} +0000`;
  const { stdout } = await exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.test',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@example.test',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

export class TestRepo {
  readonly commits: string[] = [];

  constructor(
    /** The bare repository servers serve. */
    readonly dir: string,
    private readonly work: string,
  ) {}

  /** Writes files (null deletes), commits, pushes to the bare repository; returns the commit SHA. */
  async commit(files: Record<string, FileContent>, options: CommitOptions = {}): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      const file = join(this.work, path);
      if (content === null) {
        await rm(file, { force: true });
      } else if (typeof content === 'object') {
        await mkdir(dirname(file), { recursive: true });
        await rm(file, { force: true });
        await symlink(content.symlink, file);
      } else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    }
    await git(this.work, ['add', '-A']);
    for (const [path, { url, commit }] of Object.entries(options.submodules ?? {})) {
      await git(this.work, ['config', '-f', '.gitmodules', `submodule.${path}.path`, path]);
      await git(this.work, ['config', '-f', '.gitmodules', `submodule.${path}.url`, url]);
      await git(this.work, ['update-index', '--add', '--cacheinfo', `160000,${commit},${path}`]);
      await git(this.work, ['add', '.gitmodules']);
    }
    await git(this.work, [
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      options.message ?? `commit ${this.commits.length + 1}`,
    ]);
    const sha = await git(this.work, ['rev-parse', 'HEAD']);
    for (const tag of options.tags ?? []) await git(this.work, ['tag', '--force', tag]);
    for (const tag of options.annotatedTags ?? [])
      await git(this.work, ['tag', '--force', '-a', '-m', `release ${tag}`, tag]);
    for (const branch of options.branches ?? []) await git(this.work, ['branch', '--force', branch]);
    await git(this.work, ['push', '--quiet', '--force', '--all', this.dir]);
    await git(this.work, ['push', '--quiet', '--force', '--tags', this.dir]);
    this.commits.push(sha);
    return sha;
  }

  /** Switches the work tree to `branch` (created at HEAD when new). */
  async switchBranch(branch: string): Promise<void> {
    await git(this.work, ['checkout', '--quiet', '-B', branch]);
  }
}

/** Creates `dir` (a bare repository, conventionally "name.git") with a first commit of `files` on main. */
export async function makeRepo(
  dir: string,
  files: Record<string, FileContent>,
  options: CommitOptions = {},
): Promise<TestRepo> {
  const work = `${dir.replace(/\.git$/, '')}.work`;
  await mkdir(work, { recursive: true });
  await git(dirname(dir), ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  await git(work, ['init', '--quiet', '--initial-branch=main']);
  const repo = new TestRepo(dir, work);
  await repo.commit(files, options);
  return repo;
}
