// Optional persistence: each cluster's objects and revision as one JSON file in
// the data directory, rewritten (atomically) shortly after changes and on stop.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../store/kube-object';
import { ObjectStore } from '../store/object-store';

interface SnapshotFile {
  format: 'kube-sim/v1';
  revision: number;
  objects: { key: string; object: KubeObject }[];
}

export function snapshotPath(dataDir: string, clusterName: string): string {
  return join(dataDir, `${clusterName}.json`);
}

/** Loads a cluster's store from its snapshot, or returns undefined when there is none. */
export function loadStore(dataDir: string, clusterName: string, historyLimit: number): ObjectStore | undefined {
  const path = snapshotPath(dataDir, clusterName);
  if (!existsSync(path)) return undefined;
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as SnapshotFile;
  if (snapshot.format !== 'kube-sim/v1') {
    throw new Error(
      `kube-sim: ${path} is not a kube-sim snapshot (format ${String(snapshot.format)}); move it away or choose another dataDir`,
    );
  }
  const store = new ObjectStore(historyLimit);
  store.restore(snapshot.revision, snapshot.objects);
  return store;
}

export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataDir: string,
    private readonly clusterName: string,
    private readonly debounceMs = 200,
  ) {
    this.unsubscribe = store.subscribe(() => this.schedule());
  }

  /** Writes the final state and stops listening. */
  async close(): Promise<void> {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  async flush(): Promise<void> {
    const snapshot: SnapshotFile = { format: 'kube-sim/v1', ...this.store.snapshot() };
    const body = JSON.stringify(snapshot);
    this.writing = this.writing.then(async () => {
      await mkdir(this.dataDir, { recursive: true });
      const path = snapshotPath(this.dataDir, this.clusterName);
      await writeFile(`${path}.tmp`, body);
      await rename(`${path}.tmp`, path);
    });
    await this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }
}
