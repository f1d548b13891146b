// Compiles every workspace package's src/ to dist/ with swc (one process, no
// type checking: `npm run lint` type-checks). Specs are not emitted.
import { spawnSync } from 'node:child_process';
import { transformFile } from '@swc/core';
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function workspaceDirs() {
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
  });
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testdata' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

let count = 0;
for (const pkg of workspaceDirs()) {
  const src = join(pkg, 'src');
  if (!existsSync(src) || !statSync(src).isDirectory()) continue;
  const dist = join(pkg, 'dist');
  rmSync(dist, { recursive: true, force: true });
  await Promise.all(
    sourceFiles(src).map(async (file) => {
      const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, {
        ...swcrc,
        swcrc: false,
        filename: file,
        sourceFileName: relative(dirname(out), file),
      });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) writeFileSync(`${out}.map`, map);
      count += 1;
    }),
  );
}
console.log(`built ${count} files`);

// Built-in plugins run as bundles in the sandbox; make them after dist/ exists.
const bundled = spawnSync(
  process.execPath,
  ['--conditions=driftless-source', '-r', '@swc-node/register', join(root, 'scripts', 'bundle-plugins.ts')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (bundled.status !== 0) process.exit(bundled.status ?? 1);
