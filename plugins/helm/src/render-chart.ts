// One `helm template` of the chart at the app path: options checked, value
// files resolved and checked inside their repositories, `$ref` files and the
// inline values handed to helm as private files, local chart dependencies
// built, the output split into objects. Nothing outside a repository is read.
import { type FileNeed, type HostApi, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import { buildEnvironment, envsubst, parseManifests } from '@driftless/render-kit';
import { helmTimeoutMs, prepareDependencies } from './prepare-dependencies';
import { helmFailure } from './helm-errors';
import { type HelmOptions, parseHelmOptions } from './helm-options';
import { joinInside } from './repo-path';
import { kubeVersionForHelm, templateArgs } from './template-args';
import {
  allowedSchemes,
  refNameOf,
  resolveValueFile,
  shownValueFile,
  type ValueFileContext,
  ValueFileError,
  type ValueFileSource,
} from './value-files';

const refName = /^[A-Za-z0-9_-]+$/;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The `$name` prefixes that name a ref source of this call (the others are plain paths, as in Argo CD). */
async function knownRefs(host: HostApi, paths: string[]): Promise<Set<string>> {
  const names = new Set(
    paths.map(refNameOf).filter((name): name is string => name !== undefined && refName.test(name)),
  );
  const refs = new Set<string>();
  for (const name of names) {
    try {
      if (await host.workspace.exists(`$${name}`)) refs.add(name);
    } catch (error) {
      if (!/names source ref/.test(messageOf(error))) throw error;
    }
  }
  return refs;
}

/** Whether a workspace file exists; a link out of the repository is an error of its own. */
async function existsInside(host: HostApi, path: string, what: string): Promise<boolean> {
  try {
    return await host.workspace.exists(path);
  } catch (error) {
    if (/leaves the workspace|out-of-bounds/.test(messageOf(error)))
      throw new ValueFileError(`${what} is an out-of-bounds symlink`);
    throw error;
  }
}

interface Materialised {
  /** Path as helm sees it (repo-relative or the private copy), or undefined when missing and ignored. */
  helmPath?: string;
  /** Workspace path the result depends on. */
  dependency?: string;
  /** A remote file the kernel must fetch first. */
  need?: FileNeed;
}

/** Where a remote value file appears in the exec copy: the same path on both calls. */
const remotePath = (kind: 'values' | 'file', index: number) =>
  `.driftless-remote/${kind}-${index}${kind === 'values' ? '.yaml' : ''}`;

/**
 * Makes a resolved value file available to helm: local paths as they are,
 * `$ref` files copied in, remote ones asked of the kernel (`provided`: what it
 * fetched, on the second call; undefined on the first).
 */
async function materialise(
  host: HostApi,
  source: ValueFileSource,
  what: string,
  privatePath: string,
  files: Record<string, string>,
  ignoreMissing: boolean,
  remote: { into: string; provided: readonly FileNeed[] | undefined },
): Promise<Materialised> {
  if (source.kind === 'remote') {
    if (!remote.provided)
      return { need: { url: source.url, into: remote.into, ...(ignoreMissing ? { optional: true } : {}) } };
    if (remote.provided.some((file) => file.into === remote.into)) return { helmPath: remote.into };
    if (ignoreMissing) return {};
    throw new ValueFileError(`${what} does not exist`);
  }
  const workspacePath = source.kind === 'ref' ? `$${source.ref}/${source.path}` : source.path;
  if (!(await existsInside(host, workspacePath, what))) {
    if (ignoreMissing) return {};
    throw new ValueFileError(`${what} does not exist`);
  }
  if (source.kind === 'local') return { helmPath: source.path, dependency: source.path };
  files[privatePath] = await host.workspace.readFile(workspacePath);
  return { helmPath: privatePath, dependency: workspacePath };
}

/** Value files and file parameters, checked and made available to helm; records what the result depends on. */
async function gatherFiles(
  host: HostApi,
  options: HelmOptions,
  context: ValueFileContext,
  runDir: string,
  files: Record<string, string>,
  dependencies: Set<string>,
  provided: readonly FileNeed[] | undefined,
): Promise<{ valueFiles: string[]; setFile: Map<string, string>; needs: FileNeed[] }> {
  const valueFiles: string[] = [];
  const needs: FileNeed[] = [];
  const take = (found: Materialised) => {
    if (found.need) needs.push(found.need);
    if (found.dependency !== undefined) dependencies.add(found.dependency);
    return found.helmPath;
  };
  for (const [index, raw] of options.valueFiles.entries()) {
    const what = `value file "${shownValueFile(raw)}"`;
    const source = resolveValueFile(raw, context, what);
    const remote = { into: remotePath('values', index), provided };
    const privatePath = `${runDir}/values-${index}.yaml`;
    const helmPath = take(
      await materialise(host, source, what, privatePath, files, options.ignoreMissingValueFiles, remote),
    );
    if (helmPath !== undefined) valueFiles.push(helmPath);
  }
  const setFile = new Map<string, string>();
  for (const [index, parameter] of options.fileParameters.entries()) {
    const what = `file parameter ${parameter.name} ("${shownValueFile(parameter.path)}")`;
    const source = resolveValueFile(parameter.path, context, what);
    const remote = { into: remotePath('file', index), provided };
    const helmPath = take(await materialise(host, source, what, `${runDir}/file-${index}`, files, false, remote));
    if (helmPath !== undefined) setFile.set(parameter.name, helmPath);
  }
  return { valueFiles, setFile, needs };
}

export async function renderChart(input: RendererInput, host: HostApi): Promise<RendererOutput> {
  const { app } = input;
  const options = parseHelmOptions(input.options);
  const chartPath = joinInside('.', input.path);
  if (chartPath === undefined) throw new Error(`path "${input.path.slice(0, 200)}" leaves the repository`);
  const context: ValueFileContext = {
    appPath: chartPath,
    env: buildEnvironment(app, input.path),
    allowedSchemes: allowedSchemes(input.settings['helm.valuesFileSchemes']),
    refs: await knownRefs(host, [...options.valueFiles, ...options.fileParameters.map(({ path }) => path)]),
  };
  if (options.version !== undefined && !/^v?3$/.test(options.version))
    await host.log.info(`helm.version ${options.version.slice(0, 20)} is ignored: builtin.helm runs helm v4`);

  // Everything helm reads that is not in this repository goes into a private directory of the run copy.
  const runDir = `.driftless-helm-${Math.random().toString(36).slice(2, 10)}`;
  const files: Record<string, string> = {};
  const dependencies = new Set<string>([chartPath]);
  // On the second call (after `needs`) `provided` says what the kernel fetched.
  const providedFiles = input.provided ? (input.provided.files ?? []) : undefined;
  const gathered = await gatherFiles(host, options, context, runDir, files, dependencies, providedFiles);
  const { valueFiles, setFile } = gathered;
  const prepared = await prepareDependencies(host, chartPath, input.provided?.charts ?? []);
  // Remote value files and repository dependencies are fetched by the kernel, which then calls again.
  if (prepared.needs || gathered.needs.length > 0)
    return {
      manifests: [],
      needs: {
        ...(prepared.needs ? { charts: prepared.needs } : {}),
        ...(gathered.needs.length > 0 ? { files: gathered.needs } : {}),
      },
    };
  for (const dependency of prepared.local) dependencies.add(dependency);

  const set = new Map<string, string>();
  const setString = new Map<string, string>();
  for (const { name, value, forceString } of options.parameters) {
    const substituted = envsubst(value, context.env);
    (forceString ? setString : set).set(name, substituted);
  }
  let inlineValuesFile: string | undefined;
  if (options.inlineValues !== undefined) {
    inlineValuesFile = `${runDir}/inline-values.yaml`;
    files[inlineValuesFile] = options.inlineValues;
  }
  const args = templateArgs({
    releaseName: options.releaseName ?? app.name,
    chartPath,
    namespace: options.namespace ?? app.destinationNamespace,
    kubeVersion: kubeVersionForHelm(options.kubeVersion ?? app.kubeVersion),
    apiVersions: options.apiVersions ?? app.apiVersions,
    valueFiles,
    ...(inlineValuesFile !== undefined && { inlineValuesFile }),
    set,
    setString,
    setFile,
    skipCrds: options.skipCrds,
    skipSchemaValidation: options.skipSchemaValidation,
    skipTests: options.skipTests,
  });
  // helm reads the chart and the value files in the repository, nothing else: only those are copied
  // for it (a monorepo is not copied per chart). file:// dependencies may nest: then it gets everything.
  const workspacePaths =
    prepared.local.length === 0 ? [...dependencies].filter((path) => !path.startsWith('$')) : undefined;
  const result = await host.exec.run({
    binary: 'helm',
    args,
    cwd: '.',
    files,
    timeoutMs: helmTimeoutMs,
    ...(workspacePaths ? { workspacePaths } : {}),
  });
  if (result.exitCode !== 0) {
    if (prepared.unbuildable && /missing in charts\/ directory/.test(result.stderr)) throw prepared.unbuildable;
    throw new Error(`helm template failed: ${helmFailure(result.stderr, result.exitCode)}`);
  }
  return { manifests: parseManifests(result.stdout, 'helm template output'), dependencies: [...dependencies] };
}
