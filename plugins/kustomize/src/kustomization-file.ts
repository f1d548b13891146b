// Reading kustomizations through host.workspace: which file a directory
// holds, and every local file or directory a build reads (followed through
// resources, bases and components), for the render's `dependencies`; any
// remote reference makes the result `external`.
import { type HostApi } from '@driftless/plugin-sdk';
import { parseDocument } from '@driftless/render-kit';
import { isRemote, joinPath } from './workspace-path';

export const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const maxKustomizations = 200;

export type Kustomization = Record<string, unknown>;

export async function findKustomization(host: HostApi, dir: string): Promise<string | undefined> {
  const names = new Set(
    (await host.workspace.list(dir)).filter((entry) => entry.type === 'file').map((entry) => entry.name),
  );
  const name = kustomizationNames.find((candidate) => names.has(candidate));
  return name === undefined ? undefined : dir === '.' ? name : `${dir}/${name}`;
}

export async function readKustomization(host: HostApi, file: string): Promise<Kustomization> {
  let value: unknown;
  try {
    value = parseDocument(await host.workspace.readFile(file));
  } catch (error) {
    throw new Error(`"${file}" is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`"${file}" is not a kustomization`);
  return value as Kustomization;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string');
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** References a kustomization makes, split into kustomization targets (may be directories) and plain files. */
export function references(kustomization: Kustomization): { targets: string[]; files: string[] } {
  const targets = [
    ...strings(kustomization.resources),
    ...strings(kustomization.bases),
    ...strings(kustomization.components),
  ];
  const files: string[] = [];
  // Inline patches are multi-line strings; file references are single-line.
  for (const patch of strings(kustomization.patchesStrategicMerge)) if (!patch.includes('\n')) files.push(patch);
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const entry of list(kustomization[field])) {
      const path = record(entry).path;
      if (typeof path === 'string') files.push(path);
    }
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of list(kustomization[field])) {
      const { files: sources, envs, env } = record(generator);
      for (const source of strings(sources)) files.push(source.slice(source.indexOf('=') + 1));
      files.push(...strings(envs));
      if (typeof env === 'string') files.push(env);
    }
  }
  for (const field of ['crds', 'configurations', 'generators', 'transformers', 'validators']) {
    for (const entry of strings(kustomization[field])) if (!entry.includes('\n')) targets.push(entry);
  }
  const openapi = record(kustomization.openapi).path;
  if (typeof openapi === 'string') files.push(openapi);
  const chartHome = record(kustomization.helmGlobals).chartHome;
  for (const chart of list(kustomization.helmCharts)) {
    const { name, repo, valuesFile, additionalValuesFiles } = record(chart);
    if (typeof repo === 'string' && repo !== '') targets.push(repo.includes('://') ? repo : `oci://${repo}`);
    else if (typeof name === 'string') targets.push(`${typeof chartHome === 'string' ? chartHome : 'charts'}/${name}`);
    if (typeof valuesFile === 'string') files.push(valuesFile);
    files.push(...strings(additionalValuesFiles));
  }
  return { targets, files };
}

export interface BuildInputs {
  /** Workspace paths the build reads, sorted. */
  dependencies: string[];
  /** A remote resource, base, component or chart. */
  external: boolean;
}

/** Follows the kustomization in `appPath` and everything it references. */
export async function buildInputs(host: HostApi, appPath: string): Promise<BuildInputs> {
  const dependencies = new Set<string>([appPath]);
  let external = false;
  const seen = new Set<string>();
  const pending = [appPath];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    if (seen.size > maxKustomizations) throw new Error(`more than ${maxKustomizations} kustomizations are referenced`);
    const file = await findKustomization(host, dir);
    if (file === undefined) continue;
    const kustomization = await readKustomization(host, file);
    const { targets, files } = references(kustomization);
    for (const path of files) {
      if (isRemote(path)) external = true;
      else {
        const resolved = joinPath(dir, path);
        if (resolved !== undefined) dependencies.add(resolved);
      }
    }
    for (const target of targets) {
      if (isRemote(target)) {
        external = true;
        continue;
      }
      const resolved = joinPath(dir, target);
      if (resolved === undefined || !(await host.workspace.exists(resolved))) continue;
      dependencies.add(resolved);
      if (await isDirectory(host, resolved)) pending.push(resolved);
    }
  }
  return { dependencies: minimal([...dependencies]), external };
}

async function isDirectory(host: HostApi, path: string): Promise<boolean> {
  try {
    await host.workspace.list(path);
    return true;
  } catch {
    return false;
  }
}

/** Drops paths inside another listed directory. */
function minimal(paths: string[]): string[] {
  const sorted = paths.sort();
  return sorted.filter(
    (path) => !sorted.some((other) => other !== path && (other === '.' || path.startsWith(`${other}/`))),
  );
}
