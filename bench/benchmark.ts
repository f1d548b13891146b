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
