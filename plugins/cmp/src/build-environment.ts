// Argo CD's build environment for config management plugins (reposerver
// newEnv + getPluginEnvs): the app's ARGOCD_APP_* variables, KUBE_VERSION and
// KUBE_API_VERSIONS, the app's `plugin.env` only as ARGOCD_ENV_<name> (values
// substituted from the variables above), and the parameters as
// ARGOCD_APP_PARAMETERS (JSON) and PARAM_<NAME>[_<i>|_<KEY>].
import { type RenderApplication } from '@driftless/plugin-sdk';
import { buildEnvironment, envsubst } from '@driftless/render-kit';

export interface PluginParameter {
  name: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

export interface PluginEnvEntry {
  name: string;
  value: string;
}

export class PluginOptionsError extends Error {
  override name = 'PluginOptionsError';
}

const envName = /^[A-Za-z0-9_]+$/;

/** Argo CD's parseKubeVersion: the numeric components only (`v1.31.2-eks-1` → `1.31.2`). */
export function kubeVersionNumber(version: string): string {
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)+)/.exec(version);
  return (
    match?.[1]
      ?.split('.')
      .map((part) => String(Number.parseInt(part, 10)))
      .join('.') ?? ''
  );
}

/** Argo CD's build environment plus what plugins also get: KUBE_VERSION and KUBE_API_VERSIONS. */
export function appEnvironment(app: RenderApplication, sourcePath: string): Record<string, string> {
  return {
    ...buildEnvironment(app, sourcePath),
    KUBE_VERSION: kubeVersionNumber(app.kubeVersion),
    KUBE_API_VERSIONS: app.apiVersions.join(','),
  };
}

/** Argo CD's escaped(): upper case, anything but A-Z 0-9 _ becomes _. */
export function parameterEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** Go's json.Marshal: map keys sorted, and <, >, &, U+2028, U+2029 escaped. */
function goJson(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (typeof item === 'object' && item !== null)
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
      );
    return item;
  };
  return JSON.stringify(sorted(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function parametersEnvironment(parameters: PluginParameter[] | undefined): Record<string, string> {
  const env: Record<string, string> = { ARGOCD_APP_PARAMETERS: goJson(parameters ?? null) };
  for (const parameter of parameters ?? []) {
    const base = `PARAM_${parameterEnvName(parameter.name)}`;
    if (parameter.string !== undefined) env[base] = parameter.string;
    for (const [key, value] of Object.entries(parameter.map ?? {})) env[`${base}_${parameterEnvName(key)}`] = value;
    for (const [index, value] of (parameter.array ?? []).entries()) env[`${base}_${index}`] = value;
  }
  return env;
}

/** The whole environment of a plugin command. `block` is the app's `plugin` block ({} when absent). */
export function pluginEnvironment(
  app: RenderApplication,
  sourcePath: string,
  block: { env?: PluginEnvEntry[]; parameters?: PluginParameter[] },
  hasBlock: boolean,
): Record<string, string> {
  const base = appEnvironment(app, sourcePath);
  const env: Record<string, string> = { ...base };
  for (const entry of block.env ?? []) {
    if (!envName.test(entry.name))
      throw new PluginOptionsError(`plugin.env name "${entry.name.slice(0, 100)}" must use only letters, digits and _`);
    env[`ARGOCD_ENV_${entry.name}`] = envsubst(entry.value, base);
  }
  return hasBlock ? { ...env, ...parametersEnvironment(block.parameters) } : env;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

/** The app's `plugin` block (Argo CD's ApplicationSourcePlugin), checked. */
export function parsePluginBlock(block: Record<string, unknown>): {
  name?: string;
  env: PluginEnvEntry[];
  parameters?: PluginParameter[];
} {
  const out: { name?: string; env: PluginEnvEntry[]; parameters?: PluginParameter[] } = { env: [] };
  if (block.name !== undefined && block.name !== null && block.name !== '') {
    if (typeof block.name !== 'string') throw new PluginOptionsError('plugin.name must be a string');
    out.name = block.name;
  }
  if (block.env !== undefined && block.env !== null) {
    if (!Array.isArray(block.env) || !block.env.every(isRecord))
      throw new PluginOptionsError('plugin.env must be a list of {name, value}');
    out.env = block.env.map((entry) => ({ name: text(entry.name), value: text(entry.value) }));
  }
  if (block.parameters !== undefined && block.parameters !== null) {
    if (!Array.isArray(block.parameters) || !block.parameters.every(isRecord))
      throw new PluginOptionsError('plugin.parameters must be a list of objects');
    out.parameters = block.parameters.map((entry) => {
      const parameter: PluginParameter = { name: text(entry.name) };
      if (entry.string !== undefined && entry.string !== null) parameter.string = text(entry.string);
      if (Array.isArray(entry.array)) parameter.array = entry.array.map(text);
      if (isRecord(entry.map))
        parameter.map = Object.fromEntries(Object.entries(entry.map).map(([k, v]) => [k, text(v)]));
      return parameter;
    });
  }
  return out;
}
