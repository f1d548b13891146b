// `driftless-plugin pack`: the npm tarball of the plugin (what a registry
// would serve), with its sha512 integrity — the value to pin on install.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface PackResult {
  file: string;
  integrity: string;
  size: number;
}

export async function packPlugin(dir: string, destination: string): Promise<PackResult> {
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', resolve(destination)],
    {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; integrity: string }[];
  if (!packed) throw new Error('npm pack reported no tarball');
  const file = join(resolve(destination), packed.filename.replace(/^@/, '').replace('/', '-'));
  const content = await readFile(file);
  const integrity = `sha512-${createHash('sha512').update(content).digest('base64')}`;
  if (integrity !== packed.integrity)
    throw new Error(`npm pack reported ${packed.integrity} but ${file} hashes to ${integrity}`);
  return { file, integrity, size: content.length };
}
