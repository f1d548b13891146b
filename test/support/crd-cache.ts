// The CRDs in schema/crds, parsed once per content rather than once per test
// file. Parsing their ~880 KB of YAML costs about 1 s of CPU in every test
// file (jest gives each a fresh module registry, so the parser never warms
// up); JSON.parse of the same costs a few milliseconds. The parsed form is
// kept in the temp dir under the files' content hash, so an edited CRD is
// parsed anew.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdDirectory, crdManifests } from '@driftless/schema';

export function cachedCrdManifests(): object[] {
  const hash = createHash('sha256');
  for (const name of readdirSync(crdDirectory).sort()) {
    if (name.endsWith('.yaml')) hash.update(name).update(readFileSync(join(crdDirectory, name)));
  }
  const path = join(tmpdir(), `driftless-test-crds-${hash.digest('hex').slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as object[];
  } catch {
    const manifests = crdManifests();
    // Written aside and renamed: a test file running in parallel reads the whole file or none.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(manifests));
    renameSync(partial, path);
    return manifests;
  }
}
