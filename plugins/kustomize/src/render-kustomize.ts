// Renders a Kustomize app: follow its kustomizations for the dependencies,
// write the options overlay when the Application sets any, run `kustomize
// build` (or `kubectl kustomize` when kustomize is not installed) in the
// call's private workspace copy from the repository root, parse the output.
import { type HostApi, type KubeObject, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import {
  buildEnvironment,
  type BuildEnvironment,
  flattenLists,
  parseDocument,
  splitDocuments,
} from '@driftless/render-kit';
import { buildOptions, helmEnabled } from './build-options';
import { buildInputs, findKustomization, readKustomization } from './kustomization-file';
import { kustomizeOptions, needsOverlay, type KustomizeOptions } from './kustomize-options';
import { overlayKustomization } from './overlay';
import { isRemote, joinPath, normalizePath } from './workspace-path';

export async function renderKustomize(input: RendererInput, host: HostApi): Promise<RendererOutput> {
  const appPath = normalizePath(input.path) ?? input.path;
  try {
    return await render(appPath, input, host);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`kustomize app "${appPath}": ${message}`);
  }
}

async function render(appPath: string, input: RendererInput, host: HostApi): Promise<RendererOutput> {
  if (normalizePath(input.path) === undefined) throw new Error('the path leaves the repository');
  const options = kustomizeOptions(input.options ?? {});
  const settings = input.settings ?? {};
  const kustomizationFile = await findKustomization(host, appPath);
  if (kustomizationFile === undefined) throw new Error(`did not find a kustomization in "${appPath}"`);
  const inputs = await buildInputs(host, appPath);
  const environment = buildEnvironment(input.app, input.path);
  const args = buildArguments(options, settings, input.app);

  let target = appPath;
  let files: Record<string, string> | undefined;
  if (needsOverlay(options)) {
    const overlayDir = `.driftless-kustomize-${Math.random().toString(36).slice(2, 12)}`;
    const overlay = await overlayFor(host, appPath, kustomizationFile, options, environment);
    // JSON is YAML: kustomize reads it as the overlay's kustomization.yaml.
    files = { [`${overlayDir}/kustomization.yaml`]: JSON.stringify(overlay, null, 2) };
    target = overlayDir;
    for (const component of options.components) {
      const resolved = joinPath(appPath, component);
      if (resolved !== undefined && !isRemote(component)) inputs.dependencies.push(resolved);
      else if (isRemote(component)) inputs.external = true;
    }
  }
  const result = await runBuild(host, target, args, files, environment);
  if (result.exitCode !== 0) throw new Error(`kustomize build failed: ${firstError(result.stderr, target, appPath)}`);
  return {
    manifests: parseOutput(result.stdout),
    dependencies: [...new Set(inputs.dependencies)].sort(),
    ...(inputs.external && { external: true }),
  };
}

export function buildArguments(
  options: KustomizeOptions,
  settings: Record<string, string>,
  app: RendererInput['app'],
): string[] {
  const versioned = options.version !== '' ? settings[`kustomize.buildOptions.${options.version}`] : undefined;
  const args = buildOptions(versioned ?? settings['kustomize.buildOptions'] ?? '');
  if (helmEnabled(args)) {
    // The bundled helm is v4, which kustomize's v3 version check refuses; the runner's tools
    // include a wrapper that passes it (scripts/ensure-tools.mjs). An admin's own choice wins.
    if (!args.some((word) => word === '--helm-command' || word.startsWith('--helm-command=')))
      args.push('--helm-command', 'helm-for-kustomize');
    const kubeVersion = (options.kubeVersion || app.kubeVersion || '').replace(/^v/, '');
    if (kubeVersion !== '') args.push('--helm-kube-version', kubeVersion);
    const apiVersions = options.apiVersions.length > 0 ? options.apiVersions : (app.apiVersions ?? []);
    for (const apiVersion of apiVersions) args.push('--helm-api-versions', apiVersion);
  }
  return args;
}

async function overlayFor(
  host: HostApi,
  appPath: string,
  kustomizationFile: string,
  options: KustomizeOptions,
  environment: BuildEnvironment,
): Promise<Record<string, unknown>> {
  const patchFiles: Record<string, string> = {};
  for (const { path } of options.patches) {
    if (path === undefined) continue;
    const resolved = joinPath(appPath, path);
    if (resolved === undefined) throw new Error(`patch "${path}" leaves the repository`);
    patchFiles[path] = await host.workspace.readFile(resolved);
  }
  const existingComponents = new Set<string>();
  for (const component of options.components) {
    const resolved = isRemote(component) ? undefined : joinPath(appPath, component);
    if (isRemote(component) || (resolved !== undefined && (await host.workspace.exists(resolved))))
      existingComponents.add(component);
  }
  return overlayKustomization({
    appPath,
    options,
    appKustomization: await readKustomization(host, kustomizationFile),
    environment,
    patchFiles,
    existingComponents,
  });
}

async function runBuild(
  host: HostApi,
  target: string,
  args: string[],
  files: Record<string, string> | undefined,
  environment: BuildEnvironment,
) {
  const request = { cwd: '.', env: environment, ...(files && { files }) };
  try {
    return await host.exec.run({ binary: 'kustomize', args: ['build', target, ...args], ...request });
  } catch (error) {
    // kustomize is optional (kubectl embeds it): fall back when it is missing or not granted.
    if (
      !(error instanceof Error) ||
      !/is granted but not installed|exec of kustomize is not granted/.test(error.message)
    )
      throw error;
  }
  return host.exec.run({ binary: 'kubectl', args: ['kustomize', target, ...args], ...request });
}

/** kustomize's own error, one line, with the overlay's and the copy's paths taken out. */
export function firstError(stderr: string, target: string, appPath: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const line = lines.find((candidate) => /^error:/i.test(candidate)) ?? lines[0] ?? 'no error output';
  return line
    .replace(/^error:\s*/i, '')
    .replace(/\/(?:[^\s'"/]+\/)*driftless-(?:ws-copy-[^\s'"/]+\/workspace|exec-[^\s'"/]+)(?:\/|(?=[\s'"]|$))/g, '')
    .split(target)
    .join(target === appPath ? appPath : 'the options overlay')
    .slice(0, 1000);
}

function parseOutput(stdout: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [index, document] of splitDocuments(stdout).entries()) {
    const value = parseDocument(document);
    if (value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value) || typeof (value as { kind?: unknown }).kind !== 'string')
      throw new Error(`kustomize output document ${index + 1} is not a Kubernetes object`);
    objects.push(value as KubeObject);
  }
  return flattenLists(objects, 'kustomize output');
}
