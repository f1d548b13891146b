// Reads data-driven test cases: every `*.yaml` file under `<dir>/<area>/`,
// each holding a non-empty `cases` list. Used by the *.spec.ts runners whose
// cases live in testdata folders (add a case by adding a file or an entry).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export function loadYamlCaseFiles<File extends { cases: unknown[] }>(
  dir: string,
  area: string,
): { file: string; data: File }[] {
  const folder = join(dir, area);
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  if (files.length === 0) throw new Error(`testdata/${area} holds no .yaml case file`);
  return files.map((file) => {
    const data = parse(readFileSync(join(folder, file), 'utf8')) as File;
    if (!Array.isArray(data.cases) || data.cases.length === 0) {
      throw new Error(`testdata/${area}/${file}: needs a non-empty cases list`);
    }
    return { file, data };
  });
}
