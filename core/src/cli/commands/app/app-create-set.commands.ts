// `driftless app create` (from flags or `-f FILE`, Argo CD's --upsert) and
// `driftless app set` (a merge patch of the spec from flags), through the
// server's createApplication and patchApplication.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { addSpecFlags, specFragment, withoutNulls, type SpecFlags } from './app-spec-flags';
import { serverAppRef } from './server-app-ref';

interface CreateOptions extends ServerOptions, SpecFlags {
  file?: string;
  upsert?: boolean;
  appNamespace?: string;
}

interface ApplicationDocument {
  metadata?: { name?: string; namespace?: string; labels?: unknown; annotations?: unknown; finalizers?: unknown };
  spec?: Record<string, unknown>;
}

const CREATE = `mutation ($input: ApplicationInput!, $upsert: Boolean) {
  createApplication(input: $input, upsert: $upsert) { name namespace } }`;

async function documentsOf(file: string): Promise<ApplicationDocument[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.usage);
  }
  const documents = parseAllDocuments(text).map((document) => document.toJS() as ApplicationDocument | null);
  return documents.filter((document): document is ApplicationDocument => document !== null);
}

function inputOf(document: ApplicationDocument, flags: CreateOptions): Record<string, unknown> {
  const { metadata = {}, spec = {} } = document;
  if (!metadata.name) throw new CliError('an application needs metadata.name (or give APPNAME)', ExitCode.usage);
  const namespace = flags.appNamespace ?? metadata.namespace;
  return {
    metadata: {
      name: metadata.name,
      ...(namespace ? { namespace } : {}),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ...(metadata.finalizers ? { finalizers: metadata.finalizers } : {}),
    },
    // Flags override the file, as in Argo CD.
    spec: withoutNulls(deepMerge(spec, specFragment(flags))),
  };
}

function deepMerge(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    const current = merged[key];
    merged[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}

export function appCreateCommand(): Command {
  const command = new Command('create')
    .description('create an application from flags or a file')
    .argument('[appname]', 'application name (or metadata.name in the file)')
    .option('-f, --file <file>', 'Application manifest(s), YAML or JSON')
    .option('--upsert', 'overwrite an existing application whose spec differs')
    .option('-N, --app-namespace <namespace>', 'namespace of the application');
  addSpecFlags(command);
  return addServerOptions(command).action(async (appName: string | undefined, options: CreateOptions) => {
    const documents = options.file ? await documentsOf(options.file) : [{}];
    if (appName !== undefined && documents.length !== 1)
      throw new CliError('APPNAME goes with a file holding one application', ExitCode.usage);
    for (const document of documents) {
      const named =
        appName === undefined ? document : { ...document, metadata: { ...document.metadata, name: appName } };
      const input = inputOf(named, options);
      const { createApplication } = await graphqlRequest<{ createApplication: { name: string; namespace: string } }>(
        options,
        CREATE,
        { input, upsert: options.upsert ?? false },
      );
      process.stdout.write(`application '${createApplication.name}' created\n`);
    }
  });
}

export function appSetCommand(): Command {
  const command = new Command('set')
    .description("change an application's spec from flags")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('-N, --app-namespace <namespace>', 'namespace of the application');
  addSpecFlags(command);
  return addServerOptions(command).action(async (appName: string, options: CreateOptions) => {
    const spec = specFragment(options);
    if (Object.keys(spec).length === 0) throw new CliError('nothing to set: give at least one flag', ExitCode.usage);
    const ref = serverAppRef(appName, options.appNamespace);
    await graphqlRequest(
      options,
      `mutation ($name: String!, $appNamespace: String, $patch: String!) {
        patchApplication(name: $name, appNamespace: $appNamespace, patch: $patch, patchType: merge) { name } }`,
      {
        name: ref.name,
        ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}),
        patch: JSON.stringify({ spec }),
      },
    );
  });
}
