// Git checkout cache: a repository with 1,000 application folders (3 files
// each) served over smart HTTP. "cold" is a new cache resolving main, fetching
// into the mirror and writing the read-only tree; "new commit" is the next
// commit with the mirror warm; "reused" is asking again for a checkout that
// exists. objectHashes asks for 1,000 folder hashes in one git process. The
// last row times `git archive | tar -x` on the same mirror, the alternative to
// the `git checkout` into a private index the cache uses.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GitCache } from '../core/src/repo/git';
import { makeRepo, startGitHttpServer } from '../test/support/git-servers';
import { round, timePerRun, type BenchmarkResult } from './benchmark';

const exec = promisify(execFile);
const APPS = 1_000;

function appFiles(version: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let app = 0; app < APPS; app += 1) {
    const dir = `apps/app-${app}`;
    files[`${dir}/kustomization.yaml`] = 'resources:\n  - deployment.yaml\n  - service.yaml\n';
    files[`${dir}/deployment.yaml`] =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${app}\nspec:\n  replicas: ${app === 0 ? version : 1}\n`;
    files[`${dir}/service.yaml`] = `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${app}\n`;
  }
  return files;
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export default async function gitCacheBenchmark(): Promise<BenchmarkResult[]> {
  const root = await mkdtemp(join(tmpdir(), 'driftless-bench-git-'));
  try {
    const repo = await makeRepo(join(root, 'repos', 'apps.git'), appFiles(1));
    const second = await repo.commit({ 'apps/app-0/deployment.yaml': appFiles(2)['apps/app-0/deployment.yaml']! });
    const server = await startGitHttpServer({ reposRoot: join(root, 'repos') });
    try {
      const access = { url: `${server.url}/apps.git` };
      const cache = new GitCache({ root: join(root, 'cache'), allowFileUrls: false });
      let dir = '';
      const cold = await elapsed(async () => {
        const { commit } = await cache.resolveRevision(access, repo.commits[0]!);
        dir = (await cache.checkout(access, commit)).dir;
      });
      const files = (await readdir(dir, { recursive: true })).length;
      const nextCommit = await elapsed(() => cache.checkout(access, second));
      const reused = await timePerRun(() => cache.checkout(access, second), 300);
      const paths = Array.from({ length: APPS }, (_, app) => `apps/app-${app}`);
      await cache.objectHashes(access, second, paths);
      const hashes = await timePerRun(() => cache.objectHashes(access, second, paths), 1_000);

      const mirror = join(root, 'cache', 'mirrors', (await readdir(join(root, 'cache', 'mirrors')))[0]!);
      const archive = await timePerRun(async () => {
        const target = await mkdtemp(join(root, 'archive-'));
        await mkdir(target, { recursive: true });
        await exec('sh', ['-c', `git --git-dir="${mirror}" archive --format=tar ${second} | tar -x -C "${target}"`]);
        await rm(target, { recursive: true, force: true });
      }, 1_000);
      return [
        {
          name: `checkout cold: resolve + fetch + tree (${APPS} apps, ${files} entries)`,
          value: round(cold, 0),
          unit: 'ms',
        },
        { name: 'checkout of the next commit (mirror warm)', value: round(nextCommit, 0), unit: 'ms' },
        { name: 'checkout reused (same commit)', value: round(reused * 1000, 1), unit: 'µs/call' },
        { name: `objectHashes for ${APPS} paths`, value: round(hashes, 1), unit: 'ms/call' },
        { name: 'alternative: git archive | tar -x (+ rm), same tree', value: round(archive, 0), unit: 'ms' },
      ];
    } finally {
      await server.close();
    }
  } finally {
    await exec('chmod', ['-R', 'u+w', root]).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}
