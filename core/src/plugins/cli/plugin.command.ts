// `driftless plugin …`: install, inspect, list, upgrade, roll back, disable,
// enable, uninstall and invoke plugins in a plugin store directory. These work
// offline on the store; a kernel using the same store loads the changes.
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { join } from 'node:path';
import {
  contributedExtensionPoint,
  effectiveGrants,
  PluginError,
  PluginSandbox,
  pluginRef,
  type Capabilities,
} from '@driftless/plugin-sdk';
import { CliError, ExitCode } from '../../cli/exit-codes';
import { outputOption, render, type OutputFormat } from '../../cli/output';
import { PluginInstaller } from '../install/plugin-installer';
import { verifyInSandbox } from '../install/verify-bundle';
import { PluginStore, type InstalledPlugin } from '../install/plugin-store';
import { PackageSpecError } from '../install/package-spec';
import { pluginCrd } from '../resource/plugin-crd';
import { parseGrants } from './grant-options';

interface StoreOptions {
  store?: string;
  output: OutputFormat;
}

interface FetchOptions extends StoreOptions {
  registry: string;
  integrity?: string;
  grant: string[];
  grantAll: boolean;
}

function storeOf(options: StoreOptions): PluginStore {
  const dir =
    options.store ?? (process.env.DRIFTLESS_DATA_DIR ? join(process.env.DRIFTLESS_DATA_DIR, 'plugins') : undefined);
  if (!dir) throw new CliError('no plugin store: pass --store <dir> or set DRIFTLESS_DATA_DIR', ExitCode.usage);
  return new PluginStore(dir);
}

function installerOf(options: StoreOptions): PluginInstaller {
  return new PluginInstaller(storeOf(options), verifyInSandbox);
}

/** Expected plugin failures become one-line CLI errors. */
async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof PluginError) throw new CliError(error.message, ExitCode.failed);
    if (error instanceof PackageSpecError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}

function printPlugins(plugins: InstalledPlugin[], format: OutputFormat): void {
  process.stdout.write(
    render(
      {
        data: plugins,
        rows: plugins,
        columns: [
          { header: 'ID', value: (row) => row.id },
          { header: 'VERSION', value: (row) => row.active },
          { header: 'STATE', value: (row) => (row.enabled ? 'enabled' : 'disabled') },
          { header: 'PREVIOUS', value: (row) => row.previous ?? '' },
          { header: 'INTEGRITY', value: (row) => row.versions[row.active]?.integrity ?? '', wide: true },
          { header: 'SOURCE', value: (row) => row.versions[row.active]?.resolved ?? '', wide: true },
        ],
        name: (row) => row.id,
      },
      format,
    ),
  );
}

function fetchOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--registry <url>', 'npm registry').env('npm_config_registry').default('https://registry.npmjs.org'),
    )
    .addOption(new Option('--integrity <sri>', 'pin the package to this sha512 integrity'))
    .addOption(
      new Option(
        '--grant <capability>',
        'grant a requested capability: http=host,… network=loopback exec=bin workspace secret=name',
      )
        .argParser((value: string, previous: string[] = []) => [...previous, value])
        .default([]),
    )
    .addOption(
      new Option('--grant-all', 'grant every capability the plugin requests (after reviewing them)').default(false),
    );
}

function storeOptions(command: Command): Command {
  return command
    .addOption(new Option('--store <dir>', 'plugin store directory (default $DRIFTLESS_DATA_DIR/plugins)'))
    .addOption(outputOption());
}

async function grantsFor(installer: PluginInstaller, spec: string, options: FetchOptions): Promise<Capabilities> {
  if (!options.grantAll) return parseGrants(options.grant);
  const inspected = await installer.inspect(spec, {
    registry: options.registry,
    ...(options.integrity ? { integrity: options.integrity } : {}),
  });
  return inspected.packageJson.driftless.capabilities ?? {};
}

export function pluginCommand(): Command {
  const plugin = new Command('plugin').description('install and manage plugins (sandboxed, capability-checked)');

  plugin.addCommand(
    storeOptions(fetchOptions(new Command('inspect')))
      .description("show a package's manifest, requested capabilities and integrity without installing it")
      .argument('<spec>', 'npm package[@range], tarball path or https URL')
      .action((spec: string, options: FetchOptions) =>
        guarded(async () => {
          const inspected = await installerOf(options).inspect(spec, {
            registry: options.registry,
            ...(options.integrity ? { integrity: options.integrity } : {}),
          });
          const summary = {
            id: inspected.packageJson.driftless.id,
            version: inspected.packageJson.version,
            extensionPoint: contributedExtensionPoint(inspected.packageJson),
            requestedCapabilities: inspected.requested,
            integrity: inspected.integrity,
            resolved: inspected.resolved,
          };
          process.stdout.write(
            options.output === 'json' || options.output === 'yaml'
              ? render({ data: summary, rows: [], columns: [] }, options.output)
              : `${summary.id}@${summary.version} (${summary.extensionPoint})\nrequests: ${summary.requestedCapabilities.join(', ') || 'nothing'}\nintegrity: ${summary.integrity}\n`,
          );
        }),
      ),
  );

  plugin.addCommand(
    storeOptions(fetchOptions(new Command('install')))
      .description('fetch, verify, grant and install a plugin')
      .argument('<spec>', 'npm package[@range], tarball path or https URL')
      .action((spec: string, options: FetchOptions) =>
        guarded(async () => {
          const installer = installerOf(options);
          const grants = await grantsFor(installer, spec, options);
          const installed = await installer.install(spec, {
            registry: options.registry,
            grants,
            ...(options.integrity ? { integrity: options.integrity } : {}),
          });
          printPlugins([installed], options.output);
        }),
      ),
  );

  plugin.addCommand(
    storeOptions(fetchOptions(new Command('upgrade')))
      .description('install another version of an installed plugin; the current one is kept for rollback')
      .argument('<id>', 'plugin id')
      .argument('<spec>', 'npm package[@range], tarball path or https URL')
      .action((id: string, spec: string, options: FetchOptions) =>
        guarded(async () => {
          const installer = installerOf(options);
          const explicit = options.grantAll || options.grant.length > 0;
          const grants = explicit ? await grantsFor(installer, spec, options) : undefined;
          const upgraded = await installer.upgrade(id, spec, {
            registry: options.registry,
            ...(grants ? { grants } : {}),
            ...(options.integrity ? { integrity: options.integrity } : {}),
          });
          printPlugins([upgraded], options.output);
        }),
      ),
  );

  plugin.addCommand(
    storeOptions(new Command('rollback'))
      .description('make the previous version of a plugin active again')
      .argument('<id>', 'plugin id')
      .action((id: string, options: StoreOptions) =>
        guarded(async () => printPlugins([(await installerOf(options).rollback(id)).plugin], options.output)),
      ),
  );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    plugin.addCommand(
      storeOptions(new Command(name))
        .description(`${name} an installed plugin`)
        .argument('<id>', 'plugin id')
        .action((id: string, options: StoreOptions) =>
          guarded(async () => printPlugins([await installerOf(options).setEnabled(id, enabled)], options.output)),
        ),
    );
  }

  plugin.addCommand(
    storeOptions(new Command('uninstall'))
      .description('remove a plugin and all its stored versions')
      .argument('<id>', 'plugin id')
      .action((id: string, options: StoreOptions) =>
        guarded(async () => printPlugins([await installerOf(options).uninstall(id)], options.output)),
      ),
  );

  plugin.addCommand(
    new Command('crd')
      .description('print the Plugin CustomResourceDefinition (driftless plugin crd | kubectl apply -f -)')
      .action(() => {
        process.stdout.write(dump(pluginCrd(), { noRefs: true, lineWidth: -1 }));
      }),
  );

  plugin.addCommand(
    storeOptions(new Command('list'))
      .description('list installed plugins')
      .action((options: StoreOptions) =>
        guarded(async () => printPlugins(await storeOf(options).list(), options.output)),
      ),
  );

  plugin.addCommand(
    storeOptions(new Command('invoke'))
      .description('call an installed plugin in a local sandbox, with its grants (for smoke tests)')
      .argument('<id>', 'plugin id')
      .argument('<method>', 'method of its extension point, e.g. deliver')
      .requiredOption('--input <json>', "the call's input as JSON")
      .addOption(
        new Option('--secret <name=value>', 'a secret resolved for this call')
          .argParser((value: string, previous: string[] = []) => [...previous, value])
          .default([]),
      )
      .addOption(new Option('--workspace <dir>', 'read-only workspace for this call'))
      .action(
        (id: string, method: string, options: StoreOptions & { input: string; secret: string[]; workspace?: string }) =>
          guarded(async () => {
            const store = storeOf(options);
            const installed = await store.require(id);
            if (!installed.enabled)
              throw new PluginError('PLUGIN_DISABLED', `${id} is disabled — driftless plugin enable ${id}`);
            const { packageJson, source } = await store.readVersion(id, installed.active);
            let input: unknown;
            try {
              input = JSON.parse(options.input);
            } catch {
              throw new CliError('--input is not JSON', ExitCode.usage);
            }
            const secrets = Object.fromEntries(
              options.secret.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
            );
            const sandbox = new PluginSandbox({ size: 1 });
            try {
              const key = pluginRef(packageJson);
              await sandbox.load({
                key,
                extensionPoint: contributedExtensionPoint(packageJson),
                source,
                grants: effectiveGrants(packageJson.driftless.capabilities, installed.grants),
                ...(packageJson.driftless.limits ? { limits: packageJson.driftless.limits } : {}),
              });
              const outcome = await sandbox.call(key, method as never, input, {
                secrets,
                ...(options.workspace ? { workspaceDir: options.workspace } : {}),
              });
              process.stdout.write(
                render({ data: outcome, rows: [], columns: [] }, options.output === 'yaml' ? 'yaml' : 'json'),
              );
            } finally {
              await sandbox.stop();
            }
          }),
      ),
  );
  return plugin;
}
