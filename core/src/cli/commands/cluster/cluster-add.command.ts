// `driftless cluster add CONTEXT`, as `argocd cluster add` does it: unless
// --service-account (an existing account) or --exec-command (credentials the
// controller obtains itself) is given, install the argocd-manager
// ServiceAccount and its role in the cluster CONTEXT points at, take its
// long-lived token, check that the stored credentials reach the API server,
// and register it: through the server's createCluster when logged in (the
// server writes the cluster Secret), or with --core / --control-plane-kubeconfig
// by writing the cluster Secret Argo CD would write to the control-plane
// namespace directly. Output and errors never carry a credential.
import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import { Command, Option } from 'commander';
import { IN_CLUSTER_SERVER, type ClusterConnectionConfig } from '../../../clusters/cluster-config';
import { withTimeout } from '../../../common/with-timeout';
import { type ClusterConnection } from '../../../kube/cluster-connection';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { readClusterSecrets } from './cluster-lookup';
import {
  clusterSecret,
  LAST_APPLIED_ANNOTATION,
  MANAGED_BY_ANNOTATION,
  sameCluster,
  type ClusterSecretObject,
} from '../../../clusters/api/cluster-secret-spec';
import { confirm, isInteractive } from './confirm';
import { addControlPlaneFlags, connectAddControlPlane, type AddControlPlaneOptions } from './control-plane';
import { collect, keyValue, keyValueList, proxyUrl, shard } from './flag-values';
import { describeKubeError, unlessNotFound } from './kube-errors';
import {
  installManagerRbac,
  MANAGER_SERVICE_ACCOUNT,
  serviceAccountToken,
  type Progress,
} from './manager-service-account';
import { loadTargetCluster, type TargetCluster } from './target-kubeconfig';

interface AddOptions extends AddControlPlaneOptions, ServerOptions {
  core?: boolean;
  kubeconfig?: string;
  name?: string;
  namespace?: string[];
  clusterResources?: boolean;
  project?: string;
  label?: Record<string, string>;
  annotation?: Record<string, string>;
  upsert?: boolean;
  inCluster?: boolean;
  systemNamespace: string;
  serviceAccount?: string;
  shard: number;
  execCommand?: string;
  execCommandArgs?: string[];
  execCommandEnv?: Record<string, string>;
  execCommandApiVersion?: string;
  execCommandInstallHint?: string;
  proxyUrl?: string;
  disableCompression?: boolean;
  yes?: boolean;
}

/** Argo CD waits this long for the token controller (common.BearerTokenTimeout). */
const TOKEN_WAIT = { timeoutMs: 30_000, intervalMs: 250 };
const REQUEST_TIMEOUT_MS = 15_000;

const progressToStderr: Progress = (line) => process.stderr.write(`${line}\n`);

/** Why the API server does not answer /version with these credentials, or undefined when it does. */
async function versionFailure(kubeConfig: KubeConfig): Promise<string | undefined> {
  try {
    await withTimeout(kubeConfig.makeApiClient(VersionApi).getCode(), REQUEST_TIMEOUT_MS);
    return undefined;
  } catch (error) {
    return describeKubeError(error);
  }
}

function execProvider(options: AddOptions): ClusterConnectionConfig['execProviderConfig'] {
  if (!options.execCommand) return undefined;
  return {
    command: options.execCommand,
    ...(options.execCommandArgs ? { args: options.execCommandArgs } : {}),
    ...(options.execCommandEnv ? { env: options.execCommandEnv } : {}),
    ...(options.execCommandApiVersion ? { apiVersion: options.execCommandApiVersion } : {}),
    ...(options.execCommandInstallHint ? { installHint: options.execCommandInstallHint } : {}),
  };
}

/** A bearer token for the cluster, per Argo CD's choice of credentials; undefined with an exec provider. */
async function managerToken(target: TargetCluster, options: AddOptions): Promise<string | undefined> {
  if (options.execCommand) return undefined;
  const account = options.serviceAccount;
  if (!account) {
    if (isInteractive() && !options.yes) {
      const level = options.namespace?.length ? 'namespace' : 'cluster';
      const proceed = await confirm(
        `WARNING: This will create a service account \`${MANAGER_SERVICE_ACCOUNT}\` on the cluster referenced by context \`${target.context}\` with full ${level} level privileges. Do you want to continue [y/N]? `,
      );
      if (!proceed) throw new CliError('cancelled — nothing was changed');
    }
    await installManagerRbac(target.kubeConfig, options.systemNamespace, options.namespace ?? [], progressToStderr);
  }
  return serviceAccountToken(
    target.kubeConfig,
    options.systemNamespace,
    account ?? MANAGER_SERVICE_ACCOUNT,
    progressToStderr,
    TOKEN_WAIT,
  );
}

function connectionConfig(
  target: TargetCluster,
  options: AddOptions,
  token: string | undefined,
): ClusterConnectionConfig {
  const config: ClusterConnectionConfig = structuredClone(target.connection);
  const tls = config.tlsClientConfig ?? {};
  // As Argo CD: a client certificate and key in the kubeconfig win over the token.
  if (token && !(tls.certData && tls.keyData)) config.bearerToken = token;
  const exec = execProvider(options);
  if (exec) config.execProviderConfig = exec;
  if (options.disableCompression) config.disableCompression = true;
  if (options.proxyUrl !== undefined) {
    if (options.proxyUrl === '') delete config.proxyUrl;
    else config.proxyUrl = options.proxyUrl;
  }
  return config;
}

/** A client that authenticates exactly as the stored ClusterConfig says. */
function storedCredentialsClient(server: string, config: ClusterConnectionConfig): KubeConfig {
  const tls = config.tlsClientConfig ?? {};
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'cluster',
        server,
        skipTLSVerify: tls.insecure === true,
        ...(tls.caData ? { caData: tls.caData } : {}),
        ...(tls.serverName ? { tlsServerName: tls.serverName } : {}),
        ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
      },
    ],
    users: [
      {
        name: 'credentials',
        ...(config.bearerToken ? { token: config.bearerToken } : {}),
        ...(tls.certData ? { certData: tls.certData } : {}),
        ...(tls.keyData ? { keyData: tls.keyData } : {}),
      },
    ],
    contexts: [{ name: 'stored', cluster: 'cluster', user: 'credentials' }],
    currentContext: 'stored',
  });
  return kubeConfig;
}

async function writeSecret(
  connection: ClusterConnection,
  namespace: string,
  desired: ClusterSecretObject,
  options: AddOptions,
): Promise<void> {
  const api = connection.kubeConfig.makeApiClient(CoreV1Api);
  const server = desired.stringData.server ?? '';
  const { clusters } = await readClusterSecrets(connection, namespace);
  const existing = clusters.find((candidate) => candidate.secret && candidate.cluster.server === server)?.secret;
  try {
    if (!existing) {
      await api.createNamespacedSecret({ namespace, body: desired });
      return;
    }
    if (sameCluster(existing, desired)) return;
    if (!options.upsert) throw refusal(server, namespace, existing.metadata?.name);
    const managedBy = existing.metadata?.annotations?.[MANAGED_BY_ANNOTATION];
    const body = {
      ...desired,
      metadata: {
        ...desired.metadata,
        name: existing.metadata?.name ?? desired.metadata.name,
        ...(existing.metadata?.resourceVersion ? { resourceVersion: existing.metadata.resourceVersion } : {}),
      },
    };
    if (!managedBy) delete body.metadata.annotations[MANAGED_BY_ANNOTATION];
    await api.replaceNamespacedSecret({ name: body.metadata.name, namespace, body });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `cannot write Secret ${namespace}/${existing?.metadata?.name ?? desired.metadata.name} to ${connection.server}: ${describeKubeError(error)}`,
    );
  }
}

function refusal(server: string, namespace: string, secretName: string | undefined): CliError {
  return new CliError(
    `cluster ${server} exists with different settings (Secret ${namespace}/${secretName ?? ''}) — add --upsert to replace it`,
  );
}

async function assertNamespaceExists(connection: ClusterConnection, namespace: string): Promise<void> {
  let found: unknown;
  try {
    found = await unlessNotFound(connection.kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: namespace }));
  } catch {
    return; // No right to read namespaces: the write will say what is wrong.
  }
  if (!found)
    throw new CliError(
      `namespace ${namespace} does not exist in the control-plane cluster ${connection.server} — create it, or set --control-plane-namespace / DRIFTLESS_NAMESPACE`,
    );
}

const CREATE_CLUSTER =
  'mutation ($cluster: ClusterInput!, $upsert: Boolean) { createCluster(cluster: $cluster, upsert: $upsert) { server } }';

/** The target's credentials as the server's createCluster takes them (the same ClusterConfig, minus what it cannot set). */
function configInput(config: ClusterConnectionConfig): Record<string, unknown> {
  const { awsAuthConfig: _aws, ...rest } = config;
  return rest;
}

/** Through the server: everything against the target cluster happens here, the Secret is the server's to write. */
async function addThroughServer(context: string, options: AddOptions): Promise<void> {
  const target = loadTargetCluster(options.kubeconfig, context);
  const unreachable = await versionFailure(target.kubeConfig);
  if (unreachable)
    throw new CliError(
      `cannot reach cluster ${target.cluster.server} (context ${context}): ${unreachable} — nothing was changed`,
      ExitCode.unreachable,
    );
  const config = connectionConfig(target, options, await managerToken(target, options));
  if (!config.execProviderConfig && !options.inCluster && options.proxyUrl === undefined) {
    const refused = await versionFailure(storedCredentialsClient(target.cluster.server, config));
    if (refused)
      throw new CliError(
        `the credentials to store do not work against ${target.cluster.server}: ${refused} — nothing was saved`,
      );
  }
  const server = options.inCluster ? IN_CLUSTER_SERVER : target.cluster.server;
  const { createCluster } = await graphqlRequest<{ createCluster: { server: string } }>(options, CREATE_CLUSTER, {
    cluster: {
      server,
      name: options.name ?? context,
      namespaces: options.namespace ?? [],
      clusterResources: options.clusterResources === true,
      project: options.project ?? null,
      shard: options.shard >= 0 ? options.shard : null,
      labels: options.label ?? {},
      annotations: options.annotation ?? {},
      config: configInput(config),
    },
    upsert: options.upsert === true,
  });
  process.stdout.write(`Cluster '${createCluster.server}' added\n`);
}

/** Direct mode: --core, or a control-plane kubeconfig given on the command line (an environment KUBECONFIG alone does not switch). */
function directMode(self: Command, options: AddOptions): boolean {
  return options.core === true || self.getOptionValueSource('controlPlaneKubeconfig') === 'cli';
}

async function addCluster(context: string, options: AddOptions, self: Command): Promise<void> {
  if (options.annotation?.[LAST_APPLIED_ANNOTATION] !== undefined)
    throw new CliError(`annotation ${LAST_APPLIED_ANNOTATION} cannot be set on a cluster Secret`, ExitCode.usage);
  if (!directMode(self, options)) return addThroughServer(context, options);
  const target = loadTargetCluster(options.kubeconfig, context);
  const controlPlane = connectAddControlPlane(options);
  const namespace = options.controlPlaneNamespace;
  const server = options.inCluster ? IN_CLUSTER_SERVER : target.cluster.server;
  const input = {
    server,
    name: options.name ?? context,
    namespaces: options.namespace ?? [],
    clusterResources: options.clusterResources === true,
    project: options.project,
    shard: options.shard >= 0 ? options.shard : undefined,
    labels: options.label ?? {},
    annotations: options.annotation ?? {},
  };
  let desired: ClusterSecretObject;
  try {
    desired = clusterSecret(namespace, { ...input, config: {} });
  } catch {
    throw new CliError(
      `the server of context ${context}, "${server}", is not a URL — fix the kubeconfig`,
      ExitCode.usage,
    );
  }

  // Everything that can be refused is refused before the target cluster is touched.
  const { clusters } = await readClusterSecrets(controlPlane, namespace);
  await assertNamespaceExists(controlPlane, namespace);
  const trimmed = desired.stringData.server ?? '';
  const existing = clusters.find((candidate) => candidate.secret && candidate.cluster.server === trimmed)?.secret;
  if (existing && !options.upsert && !sameCluster(existing, desired, false))
    throw refusal(trimmed, namespace, existing.metadata?.name);
  const unreachable = await versionFailure(target.kubeConfig);
  if (unreachable)
    throw new CliError(
      `cannot reach cluster ${target.cluster.server} (context ${context}): ${unreachable} — nothing was changed`,
      ExitCode.unreachable,
    );

  const config = connectionConfig(target, options, await managerToken(target, options));
  desired = clusterSecret(namespace, { ...input, config });
  // Argo CD's server checks the new credentials before saving; the exec plugin, an
  // in-cluster address or a proxy meant for the server may only work from Driftless itself.
  if (!config.execProviderConfig && !options.inCluster && options.proxyUrl === undefined) {
    const refused = await versionFailure(storedCredentialsClient(target.cluster.server, config));
    if (refused)
      throw new CliError(
        `the credentials to store do not work against ${target.cluster.server}: ${refused} — nothing was saved`,
      );
  }
  await writeSecret(controlPlane, namespace, desired, options);
  process.stdout.write(`Cluster '${desired.stringData.server ?? server}' added\n`);
}

export function clusterAddCommand(): Command {
  const command = new Command('add')
    .description('register the cluster a kubeconfig context points at (writes its cluster Secret)')
    .argument('<context>', 'kubeconfig context of the cluster to add')
    .option('--kubeconfig <file>', 'kubeconfig holding CONTEXT (default: $KUBECONFIG, else ~/.kube/config)')
    .option('--name <name>', 'cluster name (default: the context name)')
    .option('--namespace <namespace>', 'a namespace Driftless may manage (repeatable; default: all)', collect)
    .option('--cluster-resources', 'manage cluster-scoped resources too (with --namespace)')
    .option('--project <project>', 'restrict the cluster to a project')
    .option('--label <key=value>', 'label of the cluster Secret (repeatable)', keyValue)
    .option('--annotation <key=value>', 'annotation of the cluster Secret (repeatable)', keyValue)
    .option('--upsert', 'replace an existing cluster with different settings')
    .option('--in-cluster', `Driftless runs inside this cluster: connect to ${IN_CLUSTER_SERVER}`)
    .option('--system-namespace <namespace>', 'namespace of the service account', 'kube-system')
    .option(
      '--service-account <name>',
      `use this existing service account instead of installing "${MANAGER_SERVICE_ACCOUNT}"`,
    )
    .addOption(new Option('--shard <number>', 'controller shard of the cluster').argParser(shard).default(-1))
    .option('--exec-command <command>', 'authenticate with this exec credential plugin instead of a token')
    .option('--exec-command-args <arg>', 'argument of --exec-command (repeatable)', collect)
    .option('--exec-command-env <key=value,...>', 'environment of --exec-command (repeatable)', keyValueList)
    .option('--exec-command-api-version <version>', 'ExecCredential API version of --exec-command')
    .option('--exec-command-install-hint <text>', 'shown when --exec-command is missing')
    .addOption(
      new Option('--proxy-url <url>', 'proxy to reach the cluster through ("" clears the kubeconfig\'s)').argParser(
        proxyUrl,
      ),
    )
    .option('--disable-compression', 'do not ask the API server for compressed responses')
    .option('-y, --yes', 'do not ask for confirmation');
  addServerOptions(command).addOption(
    new Option('--core', 'write the cluster Secret in the control-plane cluster directly, not through the server'),
  );
  return addControlPlaneFlags(command).action(addCluster);
}
