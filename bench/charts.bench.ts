// Chart sources: resolve + fetch of a typical chart (`helm create`'s starter,
// 10 templates) from a local Helm repository and a local OCI registry, cold
// (new cache folder: index or tag list, download, digest check, two-pass safe
// extraction, rename) and cached (a new ChartCache on the same folder: the
// version is resolved from the cached index, the chart comes from disk).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartCache } from '../core/src/repo/charts';
import {
  dockerRegistryBinary,
  indexRepository,
  packageStarterChart,
  startHelmRepoServer,
  startOciRegistry,
} from '../test/support/chart-servers';
import { round, type BenchmarkResult } from './benchmark';

async function msPerRun(runs: number, work: (run: number) => Promise<unknown>): Promise<number> {
  await work(-1);
  const started = performance.now();
  for (let run = 0; run < runs; run += 1) await work(run);
  return (performance.now() - started) / runs;
}

async function measure(url: string, label: string): Promise<BenchmarkResult[]> {
  const roots: string[] = [];
  const cold = await msPerRun(20, async () => {
    const root = await mkdtemp(join(tmpdir(), 'driftless-bench-charts-'));
    roots.push(root);
    const cache = new ChartCache({ root });
    const { version } = await cache.resolveVersion({ url }, 'starter', '1.*');
    await cache.fetch({ url }, 'starter', version);
    await cache.close();
  });
  const sharedRoot = await mkdtemp(join(tmpdir(), 'driftless-bench-charts-'));
  roots.push(sharedRoot);
  const warm = new ChartCache({ root: sharedRoot });
  const cached = await msPerRun(500, async () => {
    const { version } = await warm.resolveVersion({ url }, 'starter', '1.*');
    await warm.fetch({ url }, 'starter', version);
  });
  const fromDisk = await msPerRun(500, async () => {
    const cache = new ChartCache({ root: sharedRoot });
    await cache.fetch({ url }, 'starter', '1.4.2');
  });
  await warm.close();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  return [
    { name: `${label}: resolve + fetch, cold`, value: round(cold, 1), unit: 'ms' },
    { name: `${label}: resolve + fetch, cached (index and disk)`, value: round(cached, 3), unit: 'ms' },
    { name: `${label}: fetch from disk, new ChartCache`, value: round(fromDisk, 3), unit: 'ms' },
  ];
}

export default async function chartsBenchmark(): Promise<BenchmarkResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-bench-repo-'));
  const archive = await packageStarterChart(dir, 'starter', '1.4.2');
  await indexRepository(dir);
  const results: BenchmarkResult[] = [
    { name: 'typical chart (helm create) archive', value: round((await stat(archive)).size / 1024, 1), unit: 'KiB' },
  ];
  const repo = await startHelmRepoServer({ dir });
  try {
    results.push(...(await measure(repo.url, 'Helm repo')));
  } finally {
    await repo.close();
  }
  if (existsSync(dockerRegistryBinary)) {
    const registry = await startOciRegistry();
    try {
      await registry.push(archive, 'charts');
      results.push(...(await measure(`${registry.host}/charts`, 'OCI')));
    } finally {
      await registry.close();
    }
  }
  return results;
}
