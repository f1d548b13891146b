// One `helm template` of the chart at the app path: options checked, value
// files resolved and checked inside their repositories, `$ref` files and the
// inline values handed to helm as private files, local chart dependencies
// built, the output split into objects. Nothing outside a repository is read.
import { type HostApi, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import { buildEnvironment, envsubst, parseManifests } from '@driftless/render-kit';
import {
  buildableDependencies,
  chartDependencies,
  localDependencyPath,
  missingDependencies,
} from './chart-dependencies';
import { helmFailure } from './helm-errors';
import { type HelmOptions, parseHelmOptions } from './helm-options';
import { childPath, joinInside } from './repo-path';
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

const helmTimeoutMs = 60_000;
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
}

/** Makes a resolved value file available to helm: local paths as they are, `$ref` files copied in. */
async function materialise(
  host: HostApi,
  source: ValueFileSource,
  what: string,
  privatePath: string,
  files: Record<string, string>,
  ignoreMissing: boolean,
): Promise<Materialised> {
  if (source.kind === 'remote')
    throw new ValueFileError(
      `${what} is remote; builtin.helm has no network access, so keep the file in the repository or in a source with a ref`,
    );
  const workspacePath = source.kind === 'ref' ? `$${source.ref}/${source.path}` : source.path;
  if (!(await existsInside(host, workspacePath, what))) {
    if (ignoreMissing) return {};
    throw new ValueFileError(`${what} does not exist`);
  }
  if (source.kind === 'local') return { helmPath: source.path, dependency: source.path };
  files[privatePath] = await host.workspace.readFile(workspacePath);
  return { helmPath: privatePath, dependency: workspacePath };
}

interface PreparedDependencies {
  /** Every local (`file://`) dependency directory. */
  local: string[];
  /**
   * Why missing repository dependencies cannot be built, kept until helm
   * confirms they are missing (a vendored chart may sit under another name).
   */
  unbuildable?: Error;
}

/** Builds the chart's missing `file://` dependencies with `helm dependency build`. */
async function prepareDependencies(host: HostApi, chartPath: string): Promise<PreparedDependencies> {
  const chartFile = childPath(chartPath, 'Chart.yaml');
  if (!(await host.workspace.exists(chartFile))) throw new Error(`${chartFile} does not exist`);
  const dependencies = chartDependencies(await host.workspace.readFile(chartFile));
  const local = dependencies
    .filter(({ repository }) => repository.startsWith('file://'))
    .map((dependency) => localDependencyPath(chartPath, dependency));
  const chartsDir = childPath(chartPath, 'charts');
  const vendored =
    dependencies.length > 0 && (await host.workspace.exists(chartsDir))
      ? (await host.workspace.list(chartsDir)).map(({ name }) => name)
      : [];
  const missing = missingDependencies(dependencies, vendored);
  if (missing.length === 0) return { local };
  try {
    buildableDependencies(chartPath, missing);
  } catch (error) {
    return { local, unbuildable: error as Error };
  }
  const result = await host.exec.run({
    binary: 'helm',
    args: ['dependency', 'build', chartPath],
    cwd: '.',
    timeoutMs: helmTimeoutMs,
  });
  if (result.exitCode !== 0)
    throw new Error(`helm dependency build failed: ${helmFailure(result.stderr, result.exitCode)}`);
  return { local };
}

/** Value files and file parameters, checked and made available to helm; records what the result depends on. */
async function gatherFiles(
  host: HostApi,
  options: HelmOptions,
  context: ValueFileContext,
  runDir: string,
  files: Record<string, string>,
  dependencies: Set<string>,
): Promise<{ valueFiles: string[]; setFile: Map<string, string> }> {
  const valueFiles: string[] = [];
  for (const [index, raw] of options.valueFiles.entries()) {
    const what = `value file "${shownValueFile(raw)}"`;
    const source = resolveValueFile(raw, context, what);
    const privatePath = `${runDir}/values-${index}.yaml`;
    const found = await materialise(host, source, what, privatePath, files, options.ignoreMissingValueFiles);
    if (found.helmPath !== undefined) valueFiles.push(found.helmPath);
    if (found.dependency !== undefined) dependencies.add(found.dependency);
  }
  const setFile = new Map<string, string>();
  for (const [index, parameter] of options.fileParameters.entries()) {
    const what = `file parameter ${parameter.name} ("${shownValueFile(parameter.path)}")`;
    const source = resolveValueFile(parameter.path, context, what);
    const found = await materialise(host, source, what, `${runDir}/file-${index}`, files, false);
    if (found.helmPath !== undefined) setFile.set(parameter.name, found.helmPath);
    if (found.dependency !== undefined) dependencies.add(found.dependency);
  }
  return { valueFiles, setFile };
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
  const { valueFiles, setFile } = await gatherFiles(host, options, context, runDir, files, dependencies);
  const prepared = await prepareDependencies(host, chartPath);
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
