// Runs benchmarks: every bench/*.bench.ts (or those whose name contains an
// argument) is loaded and its default export awaited. Each benchmark returns
// rows of named figures; they are printed as a table with the machine they ran
// on, so figures pasted into a closing note say where they came from.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkResult } from './benchmark';

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')} — benchmarks are bench/*.bench.ts`);
    process.exitCode = 2;
    return;
  }
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as { default: () => Promise<BenchmarkResult[]> };
    console.log(`\n# ${file.replace('.bench.ts', '')}`);
    for (const result of await module.default()) {
      const goal = result.goal ? `  (goal ${result.goal})` : '';
      console.log(`${result.name.padEnd(56)} ${String(result.value).padStart(12)} ${result.unit}${goal}`);
    }
  }
}

void main();
