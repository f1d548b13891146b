// The shape every benchmark returns, plus small timing helpers shared by them.
export interface BenchmarkResult {
  name: string;
  value: number | string;
  unit: string;
  goal?: string;
}

/** Runs `work` until `minMs` have passed (at least once) and returns mean ms per run. */
export async function timePerRun(work: () => unknown, minMs = 500): Promise<number> {
  let runs = 0;
  const started = performance.now();
  while (runs === 0 || performance.now() - started < minMs) {
    await work();
    runs += 1;
  }
  return (performance.now() - started) / runs;
}

export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Runs `work` over `items` with at most `limit` in flight (as a worker pool would); results in order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Samples RSS every `everyMs` until stopped; returns the highest value seen. */
export function peakRss(everyMs = 5): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
