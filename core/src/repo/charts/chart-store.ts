// The on-disk side of the chart cache: one read-only folder per
// (repository, chart, version), named by a sha256 so no URL, credential or
// chart name becomes a file name. An archive is unpacked into a private temp
// folder and renamed into place when complete; the temp folder is always
// removed, read-only or not.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExtractLimits, extractArchive } from './safe-extract';

export interface StoredChart {
  dir: string;
  version: string;
  digest: string;
}

interface StoredMeta {
  version: string;
  digest: string;
  chartPath: string;
}

const metaFile = 'chart.json';
const archiveDir = 'archive';

export class NoChartYamlError extends Error {}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Makes a tree writable again, then removes it: rm alone fails on read-only folders for non-root users. */
export async function removeTree(path: string): Promise<void> {
  const makeWritable = async (current: string): Promise<void> => {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isDirectory()) return;
    await chmod(current, 0o755).catch(() => undefined);
    for (const entry of await readdir(current).catch(() => [])) await makeWritable(join(current, entry));
  };
  await makeWritable(path);
  await rm(path, { recursive: true, force: true });
}

async function makeReadOnly(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isDirectory()) {
    for (const entry of await readdir(path)) await makeReadOnly(join(path, entry));
    await chmod(path, 0o555);
  } else {
    await chmod(path, 0o444);
  }
}

/** Helm archives hold one top folder (usually the chart name, but any name works); a bare Chart.yaml also does. */
async function findChartRoot(extracted: string): Promise<string> {
  if (await exists(join(extracted, 'Chart.yaml'))) return '';
  const folders: string[] = [];
  for (const entry of await readdir(extracted, { withFileTypes: true })) {
    if (entry.isDirectory() && (await exists(join(extracted, entry.name, 'Chart.yaml')))) folders.push(entry.name);
  }
  if (folders.length !== 1 || folders[0] === undefined) {
    throw new NoChartYamlError(
      folders.length === 0 ? 'the archive has no Chart.yaml' : 'the archive has several top folders with a Chart.yaml',
    );
  }
  return folders[0];
}

export class ChartStore {
  constructor(private readonly root: string) {}

  async read(key: string): Promise<StoredChart | undefined> {
    const folder = join(this.root, key);
    const text = await readFile(join(folder, metaFile), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let meta: Partial<StoredMeta>;
    try {
      meta = JSON.parse(text) as Partial<StoredMeta>;
    } catch {
      return undefined;
    }
    if (typeof meta.version !== 'string' || typeof meta.digest !== 'string' || typeof meta.chartPath !== 'string') {
      return undefined;
    }
    return { dir: join(folder, archiveDir, meta.chartPath), version: meta.version, digest: meta.digest };
  }

  async store(
    key: string,
    archive: Buffer,
    meta: { version: string; digest: string },
    limits: ExtractLimits,
  ): Promise<StoredChart> {
    const temp = join(this.root, '.tmp', `${key.slice(0, 16)}-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(join(temp, archiveDir), { recursive: true, mode: 0o755 });
      await extractArchive(archive, join(temp, archiveDir), limits);
      const chartPath = await findChartRoot(join(temp, archiveDir));
      await makeReadOnly(join(temp, archiveDir));
      const stored: StoredMeta = { ...meta, chartPath };
      await writeFile(join(temp, metaFile), JSON.stringify(stored), { mode: 0o444 });
      const final = join(this.root, key);
      try {
        await rename(temp, final);
      } catch (error) {
        // Another process stored the same chart first: theirs is as good as ours,
        // unless it is unreadable (a damaged cache), which ours then replaces.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
        if (!(await this.read(key))) {
          await removeTree(final);
          await rename(temp, final);
        }
      }
      const result = await this.read(key);
      if (!result) throw new Error('the stored chart vanished');
      return result;
    } finally {
      await removeTree(temp);
    }
  }

  /** Leftovers of crashed processes: temp folders older than `olderThanMs`. */
  async sweepTemp(olderThanMs: number): Promise<void> {
    const tempRoot = join(this.root, '.tmp');
    await mkdir(tempRoot, { recursive: true });
    const cutoff = Date.now() - olderThanMs;
    for (const entry of await readdir(tempRoot)) {
      const info = await lstat(join(tempRoot, entry)).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await removeTree(join(tempRoot, entry));
    }
  }
}
