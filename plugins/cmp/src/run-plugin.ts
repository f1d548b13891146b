// Choosing a config management plugin for an application and running it, as
// Argo CD's repo-server and cmp-server do: by `plugin.name` (which must still
// pass the plugin's discover rule when it has one), else the first plugin,
// by name, whose discover rule matches; then `init` and `generate` in the app
// directory of a private workspace copy (modes reset, no git credentials).
import { type HostApi, type KubeObject, type RendererInput } from '@driftless/plugin-sdk';
import { parseManifests } from '@driftless/render-kit';
import { parsePluginBlock, pluginEnvironment } from './build-environment';
import { anyMatch, pathsWithDirectories } from './glob';
import { parsePluginConfigs, type PluginCommand, type PluginDefinition } from './plugin-config';

const commandTimeoutMs = 60_000;
const bareName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export class PluginRunError extends Error {
  override name = 'PluginRunError';
}

interface Run {
  input: RendererInput;
  host: HostApi;
  env: Record<string, string>;
  /** Paths under the app directory, read once for the glob rules. */
  paths?: string[];
  /** Names directly in the app directory (enough for a one-segment fileName). */
  names?: string[];
}

/** The line a user needs from a failed command's stderr: its last non-empty one. */
function lastLine(stderr: string, exitCode: number): string {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .filter(Boolean)
    .at(-1);
  const chosen = line ?? `no output on stderr`;
  return `exit code ${exitCode}: ${chosen.length > 300 ? `${chosen.slice(0, 300)}…` : chosen}`;
}

async function runCommand(run: Run, plugin: PluginDefinition, step: string, command: PluginCommand) {
  const [binary, ...rest] = command.command;
  if (binary === undefined || !bareName.test(binary))
    throw new PluginRunError(
      `config management plugin "${plugin.fullName}": ${step} command "${String(binary).slice(0, 100)}" must be a bare binary name granted to builtin.cmp (such as sh or bash)`,
    );
  return run.host.exec.run({
    binary,
    args: [...rest, ...command.args],
    cwd: run.input.path,
    env: run.env,
    timeoutMs: commandTimeoutMs,
  });
}

async function appPaths(run: Run): Promise<string[]> {
  if (!run.paths) {
    const prefix = run.input.path === '.' || run.input.path === '' ? '' : `${run.input.path.replace(/\/+$/, '')}/`;
    const files = await run.host.workspace.walk(run.input.path);
    run.paths = pathsWithDirectories(files.map(({ path }) => path.slice(prefix.length)));
  }
  return run.paths;
}

/** A `fileName` rule looks at one directory level unless it names a subdirectory; no need to walk then. */
async function fileNameCandidates(run: Run, pattern: string): Promise<string[]> {
  if (pattern.replace(/^(\.\/)+/, '').includes('/')) return appPaths(run);
  run.names ??= (await run.host.workspace.list(run.input.path)).map(({ name }) => name);
  return run.names;
}

/** Argo CD's matchRepository: undefined when the plugin has no discover rule. */
async function discovers(run: Run, plugin: PluginDefinition): Promise<boolean | undefined> {
  const rule = plugin.discover;
  if (!rule) return undefined;
  if (rule.fileName !== undefined) return anyMatch(rule.fileName, await fileNameCandidates(run, rule.fileName), false);
  if (rule.find?.glob !== undefined) return anyMatch(rule.find.glob, await appPaths(run), true);
  if (rule.find?.command) {
    try {
      const result = await runCommand(run, plugin, 'discover', rule.find.command);
      if (result.exitCode !== 0) {
        await run.host.log.warn(
          `discover command of ${plugin.fullName} failed: ${lastLine(result.stderr, result.exitCode)}`,
        );
        return false;
      }
      return result.stdout.replace(/\n$/, '') !== '';
    } catch (error) {
      await run.host.log.warn(`discover command of ${plugin.fullName} failed: ${(error as Error).message}`);
      return false;
    }
  }
  return undefined;
}

function startRun(input: RendererInput, host: HostApi): Run {
  const block = parsePluginBlock(input.options);
  const hasBlock = Object.keys(input.options).length > 0;
  return { input, host, env: pluginEnvironment(input.app, input.path, block, hasBlock) };
}

/** The first plugin, by name, whose discover rule matches (Argo CD's discovery). */
export async function detectPlugin(input: RendererInput, host: HostApi): Promise<PluginDefinition | undefined> {
  const run = startRun(input, host);
  for (const plugin of parsePluginConfigs(input.settings.configManagementPlugins).plugins)
    if ((await discovers(run, plugin)) === true) return plugin;
  return undefined;
}

async function selectPlugin(run: Run): Promise<PluginDefinition> {
  const { plugins, invalid } = parsePluginConfigs(run.input.settings.configManagementPlugins);
  const { name } = parsePluginBlock(run.input.options);
  if (name === undefined) {
    for (const plugin of plugins) if ((await discovers(run, plugin)) === true) return plugin;
    throw new PluginRunError(
      plugins.length === 0
        ? 'no config management plugin is configured'
        : `no config management plugin's discover rule matches (plugins: ${plugins.map(({ fullName }) => fullName).join(', ')}); set plugin.name`,
    );
  }
  const plugin = plugins.find(({ fullName }) => fullName === name);
  if (!plugin) {
    const problem = invalid.find((entry) => entry.name === name || name.startsWith(`${entry.name}-`));
    if (problem) throw new PluginRunError(`config management plugin "${name}" is invalid: ${problem.reason}`);
    const known = plugins.map(({ fullName }) => fullName).join(', ') || 'none';
    throw new PluginRunError(
      `no config management plugin named "${name.slice(0, 100)}" (configured: ${known}; a versioned plugin is named <name>-<version>)`,
    );
  }
  // As Argo CD: a named plugin with a discover rule must still match it.
  if ((await discovers(run, plugin)) === false)
    throw new PluginRunError(
      `config management plugin "${name}" does not support this application (its discover rule did not match)`,
    );
  return plugin;
}

export async function runPlugin(input: RendererInput, host: HostApi): Promise<KubeObject[]> {
  const run = startRun(input, host);
  const plugin = await selectPlugin(run);
  if (plugin.provideGitCreds)
    await host.log.info(`${plugin.fullName} sets provideGitCreds: builtin.cmp never gives git credentials to plugins`);
  if (plugin.init) {
    const result = await runCommand(run, plugin, 'init', plugin.init);
    if (result.exitCode !== 0)
      throw new PluginRunError(
        `config management plugin "${plugin.fullName}": init failed with ${lastLine(result.stderr, result.exitCode)}`,
      );
  }
  const result = await runCommand(run, plugin, 'generate', plugin.generate);
  if (result.exitCode !== 0)
    throw new PluginRunError(
      `config management plugin "${plugin.fullName}": generate failed with ${lastLine(result.stderr, result.exitCode)}`,
    );
  return parseManifests(result.stdout, `output of config management plugin "${plugin.fullName}"`);
}
