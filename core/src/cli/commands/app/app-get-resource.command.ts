// `driftless app get-resource APPNAME --kind K [--resource-name N]`: the live
// objects the application manages, as `argocd app get-resource` (Argo CD
// 2.13+) prints them: -o wide (default) one FIELD/VALUE row per leaf (with a
// RESOURCE NAME column when no --resource-name picks one object), or json/yaml
// documents separated by `---`. The live state comes from the server's
// `managedResources`, Secret values masked there.
import { Command, Option } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { render, renderTable, type Column } from '../../output';
import { addAppNamespaceOption } from './app-get.command';
import { queryApplication } from './application-query';
import {
  filterFields,
  flattenFields,
  parseFieldPaths,
  withoutManagedFields,
  type FieldRow,
} from './live-object-fields';
import { serverAppRef } from './server-app-ref';

interface GetResourceOptions extends ServerOptions {
  appNamespace?: string;
  kind: string;
  resourceName?: string;
  group?: string;
  namespace?: string;
  filterFields: string[];
  showManagedFields?: boolean;
  output: 'wide' | 'json' | 'yaml';
}

interface ManagedLiveState {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  liveState: string;
}

type LiveObject = Record<string, unknown>;

const SELECTION = `managedResources(kinds: $kinds, names: $names, namespaces: $namespaces) {
  group kind namespace name liveState }`;

/** What the flags ask for, for messages: `apps/Deployment web/api`, or `ConfigMap in namespace web` for any name. */
function describeWanted({ group, kind, namespace, resourceName }: GetResourceOptions): string {
  const type = `${group ? `${group}/` : ''}${kind}`;
  if (resourceName !== undefined) return `${type} ${namespace ? `${namespace}/` : ''}${resourceName}`;
  return namespace ? `${type} in namespace ${namespace}` : type;
}

async function managedLiveStates(options: GetResourceOptions, appName: string): Promise<ManagedLiveState[]> {
  const ref = serverAppRef(appName, options.appNamespace);
  const { managedResources } = await queryApplication<{ managedResources: ManagedLiveState[] }>(
    options,
    ref,
    SELECTION,
    {
      declarations: '$kinds: [String!], $names: [String!], $namespaces: [String!]',
      values: {
        kinds: [options.kind],
        ...(options.resourceName !== undefined ? { names: [options.resourceName] } : {}),
        ...(options.namespace !== undefined ? { namespaces: [options.namespace] } : {}),
      },
    },
  );
  // As Argo CD: --group narrows only when given.
  const matching = managedResources.filter(
    (resource) => options.group === undefined || resource.group === options.group,
  );
  if (matching.length === 0)
    throw new CliError(
      `application '${ref.display}' manages no ${describeWanted(options)} — list its resources with: driftless app resources ${appName}`,
      ExitCode.failed,
    );
  const live = matching.filter((resource) => resource.liveState !== 'null');
  if (live.length === 0)
    throw new CliError(
      `${describeWanted(options)} of application '${ref.display}' does not exist in the cluster (not synced yet, or deleted) — sync it with: driftless app sync ${appName}`,
      ExitCode.failed,
    );
  return live;
}

function shaped(resource: ManagedLiveState, options: GetResourceOptions): LiveObject {
  const object = JSON.parse(resource.liveState) as LiveObject;
  const shown = options.showManagedFields ? object : withoutManagedFields(object);
  return options.filterFields.length === 0 ? shown : filterFields(shown, options.filterFields);
}

function renderWide(objects: { name: string; object: LiveObject }[], showName: boolean): string {
  const rows = objects.flatMap(({ name, object }) => flattenFields(object).map((row) => ({ ...row, name })));
  const columns: Column<FieldRow & { name: string }>[] = [
    { header: 'FIELD', value: (row) => row.field },
    ...(showName ? [{ header: 'RESOURCE NAME', value: (row: { name: string }) => row.name }] : []),
    { header: 'VALUE', value: (row) => row.value },
  ];
  return renderTable(rows, columns);
}

export function appGetResourceCommand(): Command {
  const command = new Command('get-resource')
    .description('print the live object(s) of a kind the application manages (Secret values masked)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .addOption(new Option('--kind <kind>', 'kind of the object').makeOptionMandatory())
    .option('--resource-name <name>', 'name of the object (default: every object of the kind)')
    .option('--group <group>', 'group of the object (default: any)')
    .option('--namespace <namespace>', 'namespace of the object (default: any)')
    .addOption(
      new Option(
        '--filter-fields <paths>',
        'only these dotted paths, comma-separated (e.g. data.value,metadata.labels)',
      )
        .argParser(parseFieldPaths)
        .default([]),
    )
    .option('--show-managed-fields', 'keep metadata.managedFields')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['wide', 'json', 'yaml']).default('wide'));
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: GetResourceOptions) => {
    const resources = await managedLiveStates(options, appName);
    const objects = resources.map((resource) => ({ name: resource.name, object: shaped(resource, options) }));
    if (options.filterFields.length > 0 && objects.every(({ object }) => Object.keys(object).length === 0))
      throw new CliError(
        `none of --filter-fields ${options.filterFields.join(',')} exists in ${describeWanted(options)} — paths are dotted, e.g. data.value`,
        ExitCode.usage,
      );
    if (options.output === 'wide') {
      process.stdout.write(renderWide(objects, options.resourceName === undefined));
      return;
    }
    // Filtered objects keep their name, as Argo CD's do, so several stay told apart.
    const documents = objects.map(({ name, object }) =>
      options.filterFields.length > 0 ? { ...object, metadata: { name, ...(object['metadata'] as object) } } : object,
    );
    process.stdout.write(
      documents.map((document) => render({ data: document, rows: [], columns: [] }, options.output)).join('---\n'),
    );
  });
}
