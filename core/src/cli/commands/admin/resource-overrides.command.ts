// `driftless admin settings resource-overrides health|list-actions|run-action`:
// try argocd-cm health checks and resource actions on an object from a file,
// offline, with the output of `argocd admin settings resource-overrides`.
import { readFile } from 'node:fs/promises';
import { LuaCustomizations, LuaScriptError, groupKindOf, type JsonValue } from '@driftless/lua-health';
import { assessResourceHealth } from '@driftless/plugin-health-builtin';
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { CliError, ExitCode } from '../../exit-codes';
import { renderTable } from '../../output';

interface CommonOptions {
  argocdCmPath?: string;
}

type KubeObject = Record<string, JsonValue>;

export function resourceOverridesCommand(): Command {
  return new Command('resource-overrides')
    .description('try the health checks and resource actions of argocd-cm on a resource file, offline')
    .addCommand(healthCommand())
    .addCommand(listActionsCommand())
    .addCommand(runActionCommand());
}

function withConfigMapOption(command: Command): Command {
  return command.addOption(new Option('--argocd-cm-path <path>', 'path to a local argocd-cm.yaml'));
}

function healthCommand(): Command {
  const command = new Command('health')
    .description('assess the health of a resource, with the Lua health checks of argocd-cm and the built-in rules')
    .argument('<RESOURCE_YAML_PATH>', 'the resource, as YAML');
  return withConfigMapOption(command).action(async (file: string, options: CommonOptions) => {
    const { objects, customizations } = await load(file, options);
    for (const obj of objects) {
      const health = assessResourceHealth(obj, customizations ? { customizations } : {});
      if (health === undefined) {
        const { group, kind } = groupKindOf(obj);
        process.stdout.write(`Health script is not configured for '${group}/${kind}'\n`);
      } else {
        process.stdout.write(`STATUS: ${health.status}\nMESSAGE: ${health.message ?? ''}\n`);
      }
    }
  });
}

function listActionsCommand(): Command {
  const command = new Command('list-actions')
    .description('list the resource actions argocd-cm offers for a resource')
    .argument('<RESOURCE_YAML_PATH>', 'the resource, as YAML');
  return withConfigMapOption(command).action(async (file: string, options: CommonOptions) => {
    const { objects, customizations } = await load(file, options);
    for (const obj of objects) {
      const actions = luaCall(() => customizations?.discoverActions(obj));
      if (actions === undefined) {
        printNotConfigured(obj);
        continue;
      }
      const columns = [
        { header: 'NAME', value: (action: (typeof actions)[number]) => action.name },
        { header: 'DISABLED', value: (action: (typeof actions)[number]) => String(action.disabled) },
      ];
      process.stdout.write(renderTable(actions, columns));
    }
  });
}

function runActionCommand(): Command {
  const command = new Command('run-action')
    .alias('action')
    .description('run a resource action of argocd-cm on a resource and show what it changes')
    .argument('<RESOURCE_YAML_PATH>', 'the resource, as YAML')
    .argument('<ACTION>', 'the action name')
    .addOption(new Option('--param <name=value>', 'action parameter (repeatable)').argParser(collectParam).default({}));
  return withConfigMapOption(command).action(
    async (file: string, actionName: string, options: CommonOptions & { param: Record<string, string> }) => {
      const { objects, customizations } = await load(file, options);
      for (const obj of objects) {
        if (customizations?.overrideFor(obj)?.actions === undefined) {
          printNotConfigured(obj);
          continue;
        }
        const impacted = luaCall(() => customizations.runAction(structuredClone(obj), actionName, options.param));
        for (const { operation, resource } of impacted) {
          if (operation === 'create') {
            process.stdout.write(`Following resource was created:\n${toYaml(resource)}\n`);
          } else if (toYaml(resource) === toYaml(obj)) {
            process.stdout.write(`No fields had been changed by action: \n${actionName}\n`);
          } else {
            process.stdout.write(
              `Following fields have been changed:\n\n${unifiedDiff(toYaml(obj), toYaml(resource), nameOf(obj))}`,
            );
          }
        }
      }
    },
  );
}

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const separator = value.indexOf('=');
  if (separator <= 0) throw new CliError(`invalid parameter format: ${value} (expected name=value)`, ExitCode.usage);
  return { ...previous, [value.slice(0, separator)]: value.slice(separator + 1) };
}

function nameOf(obj: KubeObject): string {
  const metadata = obj.metadata;
  const name =
    metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata.name : undefined;
  return typeof name === 'string' ? name : 'resource';
}

function printNotConfigured(obj: KubeObject): void {
  const { group, kind } = groupKindOf(obj);
  process.stdout.write(`Actions are not configured for '${group}/${kind}'\n`);
}

function luaCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof LuaScriptError) throw new CliError(error.message, ExitCode.failed);
    throw error;
  }
}

async function load(
  file: string,
  options: CommonOptions,
): Promise<{ objects: KubeObject[]; customizations?: LuaCustomizations }> {
  const objects = parseYamlObjects(await readText(file), file);
  if (options.argocdCmPath === undefined) return { objects };
  const [configMap] = parseYamlObjects(await readText(options.argocdCmPath), options.argocdCmPath);
  const { customizations, warnings } = LuaCustomizations.fromConfigMap(configMap);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  return { objects, customizations };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ExitCode.usage,
    );
  }
}

function parseYamlObjects(text: string, file: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if ('errors' in document && document.errors.length > 0) {
      throw new CliError(`${file}: ${document.errors[0]?.message ?? 'invalid YAML'}`, ExitCode.usage);
    }
    const value: unknown = document.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new CliError(`${file}: expected a Kubernetes object`, ExitCode.usage);
    objects.push(value as KubeObject);
  }
  if (objects.length === 0) throw new CliError(`${file}: no object found`, ExitCode.usage);
  return objects;
}

function toYaml(value: unknown): string {
  return dump(value, { sortKeys: true, lineWidth: -1, noRefs: true });
}

/** `diff -u` of two YAML texts, as Argo CD prints it (live first, then the action's result). */
function unifiedDiff(before: string, after: string, name: string): string {
  const a = before.split('\n').slice(0, -1);
  const b = after.split('\n').slice(0, -1);
  // Longest common subsequence lengths of the suffixes, to walk the edit script forwards.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  type Edit = { mark: ' ' | '-' | '+'; line: string; aLine: number; bLine: number };
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) edits.push({ mark: ' ', line: a[i]!, aLine: ++i, bLine: ++j });
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      edits.push({ mark: '-', line: a[i]!, aLine: ++i, bLine: j });
    } else edits.push({ mark: '+', line: b[j]!, aLine: i, bLine: ++j });
  }
  const changed = edits.flatMap((edit, index) => (edit.mark === ' ' ? [] : [index]));
  let output = `--- ${name}-live.yaml\n+++ ${name}\n`;
  for (let start = 0; start < changed.length;) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 7) end += 1;
    const hunk = edits.slice(Math.max(0, changed[start]! - 3), Math.min(edits.length, changed[end]! + 4));
    const aLines = hunk.filter((edit) => edit.mark !== '+');
    const bLines = hunk.filter((edit) => edit.mark !== '-');
    const aFrom = aLines[0]?.aLine ?? hunk[0]!.aLine;
    const bFrom = bLines[0]?.bLine ?? hunk[0]!.bLine;
    output += `@@ -${aFrom},${aLines.length} +${bFrom},${bLines.length} @@\n`;
    output += hunk.map((edit) => `${edit.mark}${edit.line}\n`).join('');
    start = end + 1;
  }
  return output;
}
