// Argo CD ConfigManagementPlugin definitions (the sidecar's plugin.yaml,
// cmpserver/plugin/config.go), read from the YAML stream the kernel passes in
// `settings.configManagementPlugins`. A definition that Argo CD's
// ValidatePluginConfig would refuse is kept out, with the reason.
import { CORE_SCHEMA, loadAll } from 'js-yaml';

export interface PluginCommand {
  command: string[];
  args: string[];
}

export interface PluginDiscover {
  fileName?: string;
  find?: { glob?: string; command?: PluginCommand };
}

export interface PluginDefinition {
  name: string;
  version: string;
  /** `<name>-<version>`, or `<name>` without a version: what `plugin.name` selects (Argo CD's socket name). */
  fullName: string;
  init?: PluginCommand;
  generate: PluginCommand;
  discover?: PluginDiscover;
  preserveFileMode: boolean;
  provideGitCreds: boolean;
}

export interface PluginConfigs {
  plugins: PluginDefinition[];
  /** Why a definition was left out, by its name (or its position). */
  invalid: { name: string; reason: string }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function command(value: unknown): PluginCommand | undefined {
  if (!isRecord(value)) return undefined;
  const parsed = { command: strings(value.command), args: strings(value.args) };
  return parsed.command.length > 0 ? parsed : undefined;
}

function discover(value: unknown): PluginDiscover | undefined {
  if (!isRecord(value)) return undefined;
  const out: PluginDiscover = {};
  if (typeof value.fileName === 'string' && value.fileName !== '') out.fileName = value.fileName;
  if (isRecord(value.find)) {
    const find: NonNullable<PluginDiscover['find']> = {};
    if (typeof value.find.glob === 'string' && value.find.glob !== '') find.glob = value.find.glob;
    // find.command is written inline: find: {command: [...], args: [...]}.
    const findCommand = command(value.find);
    if (findCommand) find.command = findCommand;
    if (find.glob !== undefined || find.command !== undefined) out.find = find;
  }
  return out.fileName !== undefined || out.find !== undefined ? out : undefined;
}

export function parsePluginConfigs(stream: string | undefined): PluginConfigs {
  const result: PluginConfigs = { plugins: [], invalid: [] };
  if (stream === undefined || stream.trim() === '') return result;
  let documents: unknown[];
  try {
    documents = loadAll(stream, null, { schema: CORE_SCHEMA, json: true });
  } catch {
    result.invalid.push({ name: 'configManagementPlugins', reason: 'the plugin definitions are not valid YAML' });
    return result;
  }
  documents.forEach((document, index) => {
    if (document === null || document === undefined) return;
    const metadata = isRecord(document) && isRecord(document.metadata) ? document.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const label = name || `definition ${index + 1}`;
    if (!isRecord(document) || document.kind !== 'ConfigManagementPlugin')
      return void result.invalid.push({ name: label, reason: 'kind should be ConfigManagementPlugin' });
    if (name === '') return void result.invalid.push({ name: label, reason: 'metadata.name should be non-empty' });
    const spec = isRecord(document.spec) ? document.spec : {};
    const generate = command(spec.generate);
    if (!generate)
      return void result.invalid.push({ name: label, reason: 'spec.generate command should be non-empty' });
    const version = typeof spec.version === 'string' ? spec.version : '';
    const plugin: PluginDefinition = {
      name,
      version,
      fullName: version ? `${name}-${version}` : name,
      generate,
      preserveFileMode: spec.preserveFileMode === true,
      provideGitCreds: spec.provideGitCreds === true,
    };
    const init = command(spec.init);
    if (init) plugin.init = init;
    const discovery = discover(spec.discover);
    if (discovery) plugin.discover = discovery;
    result.plugins.push(plugin);
  });
  // Argo CD asks the sidecars in the order of their socket files: by name.
  result.plugins.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  return result;
}
