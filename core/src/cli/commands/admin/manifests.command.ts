// `driftless admin manifests PATH`: renders a local directory offline with the
// same renderer plugins, in the same sandbox, as the repo-server — so what it
// prints is what Driftless would apply.
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { type ApplicationSource } from '@driftless/schema';
import { MetricsService } from '../../../metrics/metrics.service';
import { defaultBuiltinsDir, defaultToolDirs } from '../../../plugins/builtin-discovery';
import { PluginHost } from '../../../plugins/plugin-host.service';
import { PluginMetrics } from '../../../plugins/plugin-metrics.service';
import { localSource, localSourceWorkspaces } from '../../../repo/manifests/local-source-workspaces';
import { ManifestGenerationError, ManifestGenerator } from '../../../repo/manifests/manifest-generator';
import { PluginRenderHost } from '../../../repo/manifests/plugin-render-host';
import { CliError, ExitCode } from '../../exit-codes';

interface ManifestsOptions {
  helmValues: string[];
  helmSet: string[];
  releaseName?: string;
  namespace: string;
  kubeVersion: string;
  appName?: string;
  output: 'yaml' | 'json';
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function manifestsCommand(): Command {
  return new Command('manifests')
    .description('render the manifests of a local directory (plain YAML, Helm, Kustomize, Jsonnet) offline')
    .argument('<path>', 'the application directory')
    .option('--helm-values <file>', 'a Helm values file (repeatable; inside the repository)', collect, [])
    .option('--helm-set <name=value>', 'a Helm parameter (repeatable)', collect, [])
    .option('--release-name <name>', 'the Helm release name (default: the application name)')
    .option('--namespace <namespace>', 'the destination namespace', '')
    .option('--kube-version <version>', 'the Kubernetes version to render for', '1.34.0')
    .option('--app-name <name>', 'the application name (default: the directory name)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action(async (path: string, options: ManifestsOptions) => {
      process.stdout.write(await renderLocal(path, options));
    });
}

async function renderLocal(path: string, options: ManifestsOptions): Promise<string> {
  let source;
  try {
    source = await localSource(path);
  } catch {
    throw new CliError(`${path} is not a readable directory`, ExitCode.usage);
  }
  const appDir = resolve(source.root, source.path);
  const helm =
    options.helmValues.length || options.helmSet.length || options.releaseName
      ? {
          valueFiles: options.helmValues.map((file) => valueFileFor(file, source.root, appDir)),
          parameters: options.helmSet.map(parameterOf),
          ...(options.releaseName ? { releaseName: options.releaseName } : {}),
        }
      : undefined;
  const appName = options.appName ?? (basename(appDir) || 'app');
  const applicationSource: ApplicationSource = {
    repoURL: `file://${source.root}`,
    path: source.path,
    targetRevision: 'HEAD',
    ...(helm ? { helm } : {}),
  };
  const plugins = new PluginHost(
    { builtinsDir: defaultBuiltinsDir(), toolDirs: defaultToolDirs(), runners: 1 },
    new PluginMetrics(new MetricsService()),
  );
  await plugins.onModuleInit();
  try {
    const generator = new ManifestGenerator({
      sources: localSourceWorkspaces(source),
      host: new PluginRenderHost(plugins),
      settings: () => Promise.resolve({}),
      controlNamespace: 'argocd',
    });
    const response = await generator.generate({
      app: { name: appName, namespace: 'argocd', project: 'default' },
      source: applicationSource,
      destination: { server: 'https://kubernetes.default.svc', namespace: options.namespace },
      kubeVersion: options.kubeVersion,
      apiVersions: [],
      tracking: { method: 'annotation', labelKey: 'app.kubernetes.io/instance' },
    });
    if (options.output === 'json') return `${JSON.stringify(response.manifests, null, 2)}\n`;
    return response.manifests.map((manifest) => `---\n${stringify(manifest)}`).join('');
  } catch (error) {
    if (error instanceof ManifestGenerationError) throw new CliError(error.message);
    throw error;
  } finally {
    await plugins.stop();
  }
}

/** Values files are named from the shell; Argo CD wants them relative to the app directory. */
function valueFileFor(file: string, root: string, appDir: string): string {
  const absolute = resolve(file);
  const inRoot = relative(root, absolute);
  if (inRoot.startsWith(`..${sep}`) || inRoot === '..' || isAbsolute(inRoot))
    throw new CliError(
      `--helm-values ${file} is outside ${root}; values files must be inside the repository`,
      ExitCode.usage,
    );
  return relative(appDir, absolute).split(sep).join('/');
}

function parameterOf(assignment: string): { name: string; value: string } {
  const equals = assignment.indexOf('=');
  if (equals <= 0) throw new CliError(`--helm-set ${assignment} must look like name=value`, ExitCode.usage);
  return { name: assignment.slice(0, equals), value: assignment.slice(equals + 1) };
}
