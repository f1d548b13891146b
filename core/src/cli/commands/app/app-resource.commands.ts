// `driftless app patch|patch-resource|delete-resource|actions run`: Argo CD's
// flags, sent to the server's mutations (no --core: these need the server's
// RBAC and the app's managed tree).
import { Command, Option } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { serverAppRef, type ServerAppRef } from './server-app-ref';

interface ResourceFlags extends ServerOptions {
  appNamespace?: string;
  group: string;
  kind: string;
  resourceName: string;
  namespace: string;
  version: string;
}

function addResourceFlags(command: Command): Command {
  addServerOptions(command);
  return command
    .addOption(new Option('-N, --app-namespace <namespace>', 'namespace of the application'))
    .addOption(new Option('--group <group>', 'group of the object (empty for core kinds)').default(''))
    .addOption(new Option('--kind <kind>', 'kind of the object').makeOptionMandatory())
    .addOption(new Option('--resource-name <name>', 'name of the object').makeOptionMandatory())
    .addOption(new Option('--namespace <namespace>', 'namespace of the object (empty: cluster-scoped)').default(''))
    .addOption(new Option('--version <version>', 'API version (default: the one the app manages)').default(''));
}

const appArguments = (ref: ServerAppRef) => ({
  name: ref.name,
  ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}),
});

const resourceOf = (flags: ResourceFlags) => ({
  group: flags.group,
  kind: flags.kind,
  namespace: flags.namespace,
  name: flags.resourceName,
  version: flags.version,
});

const describe = (flags: ResourceFlags) =>
  `${flags.group ? `${flags.group}/` : ''}${flags.kind} ${flags.namespace ? `${flags.namespace}/` : ''}${flags.resourceName}`;

export function appPatchCommand(): Command {
  const command = new Command('patch')
    .description("patch an application's spec, labels, annotations or finalizers")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .requiredOption('--patch <json>', 'the patch (JSON)')
    .addOption(new Option('--type <type>', 'patch type').choices(['json', 'merge']).default('json'))
    .addOption(new Option('-N, --app-namespace <namespace>', 'namespace of the application'));
  return addServerOptions(command).action(
    async (appName: string, options: ServerOptions & { patch: string; type: string; appNamespace?: string }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      await graphqlRequest(
        options,
        `mutation ($name: String!, $appNamespace: String, $patch: String!, $patchType: PatchType!) {
          patchApplication(name: $name, appNamespace: $appNamespace, patch: $patch, patchType: $patchType) { name } }`,
        { ...appArguments(ref), patch: options.patch, patchType: options.type },
      );
      process.stdout.write(`application '${ref.display}' patched\n`);
    },
  );
}

export function appPatchResourceCommand(): Command {
  const command = new Command('patch-resource')
    .description('patch an object the application manages')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .requiredOption('--patch <json>', 'the patch (JSON)')
    .addOption(new Option('--patch-type <type>', 'patch type').choices(['merge', 'json']).default('merge'));
  return addResourceFlags(command).action(
    async (appName: string, options: ResourceFlags & { patch: string; patchType: string }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      await graphqlRequest(
        options,
        `mutation ($name: String!, $appNamespace: String, $resource: ManagedResourceInput!, $patch: String!, $patchType: PatchType!) {
          patchResource(name: $name, appNamespace: $appNamespace, resource: $resource, patch: $patch, patchType: $patchType) { name } }`,
        { ...appArguments(ref), resource: resourceOf(options), patch: options.patch, patchType: options.patchType },
      );
      process.stdout.write(`${describe(options)} patched\n`);
    },
  );
}

export function appDeleteResourceCommand(): Command {
  const command = new Command('delete-resource')
    .description('delete an object the application manages')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--force', 'remove finalizers and delete at once')
    .option('--orphan', "keep the object's dependents");
  return addResourceFlags(command).action(
    async (appName: string, options: ResourceFlags & { force?: boolean; orphan?: boolean }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      await graphqlRequest(
        options,
        `mutation ($name: String!, $appNamespace: String, $resource: ManagedResourceInput!, $force: Boolean, $orphan: Boolean) {
          deleteResource(name: $name, appNamespace: $appNamespace, resource: $resource, force: $force, orphan: $orphan) { name } }`,
        {
          ...appArguments(ref),
          resource: resourceOf(options),
          force: options.force ?? false,
          orphan: options.orphan ?? false,
        },
      );
      process.stdout.write(`${describe(options)} deleted\n`);
    },
  );
}

export function appActionsCommand(): Command {
  const run = new Command('run')
    .description('run a resource action on an object the application manages')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .argument('<action>', 'the action, e.g. restart')
    .addOption(
      new Option('--param <name=value>', 'an action parameter (repeatable)')
        .argParser((value: string, previous: string[] = []) => [...previous, value])
        .default([]),
    );
  addResourceFlags(run).action(
    async (appName: string, action: string, options: ResourceFlags & { param: string[] }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      const parameters = options.param.map((item) => {
        const at = item.indexOf('=');
        return { name: at < 0 ? item : item.slice(0, at), value: at < 0 ? '' : item.slice(at + 1) };
      });
      await graphqlRequest(
        options,
        `mutation ($name: String!, $appNamespace: String, $resource: ManagedResourceInput!, $action: String!, $parameters: [ResourceActionParameterInput!]) {
          runResourceAction(name: $name, appNamespace: $appNamespace, resource: $resource, action: $action, parameters: $parameters) { name } }`,
        { ...appArguments(ref), resource: resourceOf(options), action, parameters },
      );
      process.stdout.write(`action '${action}' run on ${describe(options)}\n`);
    },
  );
  return new Command('actions').description('resource actions').addCommand(run);
}
