// Renders a Directory app: walk (links that leave the workspace fail it),
// pick and size-check the manifest files, read them in batches, parse YAML
// and JSON, evaluate Jsonnet with the jsonnet binary, flatten Lists.
import { type HostApi, type KubeObject, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import { buildEnvironment, flattenLists } from '@driftless/render-kit';
import { directoryOptions } from './directory-options';
import { jsonnetCommand, jsonnetLibPath } from './jsonnet-command';
import { isKubeObject, parseJsonManifest, parseYamlManifests } from './manifest-file';
import { parseQuantity } from './quantity';
import { normalizeAppPath, selectManifestFiles, type ManifestFile } from './select-files';

export const maxSizeSetting = 'reposerver.max.combined.directory.manifests.size';
const defaultMaxSize = '10M';
const skipMarker = '+argocd:skip-file-rendering';
/** Bytes read per host call; the host caps one file at 8 MiB. */
const readBatchBytes = 8 * 1024 * 1024;
const maxWalkFiles = 10_000;

export async function renderDirectory(input: RendererInput, host: HostApi): Promise<RendererOutput> {
  const appPath = normalizeAppPath(input.path);
  try {
    return await render(appPath, input, host);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`directory app "${appPath}": ${message}`);
  }
}

async function render(appPath: string, input: RendererInput, host: HostApi): Promise<RendererOutput> {
  const options = directoryOptions(input.options ?? {});
  const maxSize = input.settings?.[maxSizeSetting] ?? defaultMaxSize;
  const maxCombinedBytes = parseQuantity(maxSize);
  if (maxCombinedBytes === undefined) throw new Error(`${maxSizeSetting} "${maxSize}" is not a quantity such as 10M`);

  const walked = await host.workspace.walk(appPath, { recurse: options.recurse, maxFiles: maxWalkFiles });
  const files = selectManifestFiles(appPath, walked, {
    include: options.include,
    exclude: options.exclude,
    maxCombinedBytes,
  });
  const sizes = new Map(walked.map((file) => [file.path, file.size]));
  const contents = await readInBatches(host, files, sizes);
  const jsonnetEnabled = input.settings?.['jsonnet.enable'] !== 'false';
  const environment = buildEnvironment(input.app, input.path);
  const valuesDir = `.driftless-jsonnet-${Math.random().toString(36).slice(2, 12)}`;

  const objects: KubeObject[] = [];
  let evaluations = 0;
  for (const file of files) {
    const text = contents.get(file.path) as string;
    if (text.includes(skipMarker)) continue;
    let found: KubeObject[];
    if (file.jsonnet) {
      if (!jsonnetEnabled) continue;
      // Each run writes its value files anew into the call's one workspace copy.
      evaluations += 1;
      const command = jsonnetCommand(file.path, appPath, options.jsonnet, environment, `${valuesDir}/${evaluations}`);
      found = await evaluateJsonnet(host, file, command);
    } else if (file.path.endsWith('.json')) {
      found = parseJsonManifest(file.path, text);
    } else {
      found = parseYamlManifests(file.path, text);
    }
    objects.push(...flattenLists(found, file.path));
  }
  const libs = options.jsonnet.libs.map(jsonnetLibPath);
  const usesJsonnet = jsonnetEnabled && files.some((file) => file.jsonnet);
  return { manifests: objects, dependencies: [appPath, ...(usesJsonnet ? libs : [])] };
}

async function readInBatches(
  host: HostApi,
  files: ManifestFile[],
  sizes: Map<string, number>,
): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    for (const [path, text] of Object.entries(await host.workspace.readFiles(batch))) contents.set(path, text);
    batch = [];
    batchBytes = 0;
  };
  for (const file of files) {
    const size = sizes.get(file.path) ?? 0;
    if (batchBytes + size > readBatchBytes) await flush();
    batch.push(file.path);
    batchBytes += size;
  }
  await flush();
  return contents;
}

async function evaluateJsonnet(
  host: HostApi,
  file: ManifestFile,
  command: { args: string[]; files: Record<string, string> },
): Promise<KubeObject[]> {
  const result = await host.exec.run({ binary: 'jsonnet', cwd: '.', args: command.args, files: command.files });
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 500);
    throw new Error(`failed to evaluate jsonnet "${file.path}": ${reason}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(result.stdout);
  } catch (error) {
    throw new Error(`failed to unmarshal generated json "${file.path}": ${(error as Error).message}`);
  }
  const values = Array.isArray(value) ? value : [value];
  const objects: KubeObject[] = [];
  for (const [index, item] of values.entries()) {
    if (item === null && Array.isArray(value)) continue;
    if (!isKubeObject(item))
      throw new Error(
        `failed to unmarshal generated json "${file.path}"${Array.isArray(value) ? ` (item ${index + 1})` : ''}: ` +
          `not a Kubernetes object with a kind`,
      );
    objects.push(item);
  }
  return objects;
}
