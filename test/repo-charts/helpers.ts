// Helpers shared by the chart suites.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartCache, ChartError } from '../../core/src/repo/charts';
import { rejectionOf } from '../support/rejection';

/** The ChartError a promise rejects with (fails the test when it resolves or throws something else). */
export function rejection(work: Promise<unknown>): Promise<ChartError> {
  return rejectionOf(work, ChartError);
}

type ChartCacheOptions = ConstructorParameters<typeof ChartCache>[0];

/** The chart caches a suite opens, to close together in its afterAll. */
export function chartCaches(prefix: string) {
  const caches: ChartCache[] = [];
  return {
    /** A cache in `root`, or without one in a new temp folder named after `prefix`. */
    newCache: async (options: Partial<ChartCacheOptions> = {}): Promise<ChartCache> => {
      const cache = new ChartCache({ ...options, root: options.root ?? (await mkdtemp(join(tmpdir(), prefix))) });
      caches.push(cache);
      return cache;
    },
    closeAll: async (): Promise<void> => {
      await Promise.all(caches.map((cache) => cache.close()));
    },
  };
}
