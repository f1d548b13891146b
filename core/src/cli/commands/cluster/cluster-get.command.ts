// `driftless cluster get SERVER|NAME...`: through the server's clusters query
// when logged in (what the caller may see); with --core (or --kubeconfig) one
// cluster as its Secret declares it, read from the control-plane namespace — where it is, what Driftless may
// manage there and how it authenticates, never with what (no token, key,
// password, exec environment value, and not kubectl's last-applied copy).
import { Command } from 'commander';
import { type ClusterDefinition } from '../../../clusters/cluster-config';
import { describeCluster } from '../../../clusters/describe-cluster';
import { secretValues } from '../../../kube/secret-values';
import { redactUrlCredentials } from '../../../logging/redaction';
import { connectControlPlane } from '../../client/control-plane-access';
import { CliError } from '../../exit-codes';
import { outputOption, render, type OutputFormat } from '../../output';
import { coreMode, type AppCommandOptions } from '../app/app-options';
import { withModeOptions } from '../repo-write.commands';
import { fetchServerClusters, selectServerCluster, type ServerClusterView } from './server-clusters';
import { findCluster, readClusterSecrets, type FoundCluster } from './cluster-lookup';
import { LAST_APPLIED_ANNOTATION } from '../../../clusters/api/cluster-secret-spec';

interface GetOptions extends AppCommandOptions {
  output: OutputFormat;
}

export interface ClusterConnectionView {
  /** bearerToken, tlsClientCert, exec, aws, basic, in-cluster or none. */
  authentication: string;
  execCommand?: string;
  execApiVersion?: string;
  execEnvNames?: string[];
  tlsVerification: boolean;
  caData: boolean;
  serverName?: string;
  proxyUrl?: string;
  disableCompression: boolean;
}

export interface ClusterView {
  server: string;
  name: string;
  namespaces: string[];
  clusterResources: boolean;
  project: string | null;
  shard: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  connection: ClusterConnectionView;
  /** namespace/name of the cluster Secret; "" for the built-in in-cluster destination. */
  secret: string;
}

function connectionView(cluster: ClusterDefinition): ClusterConnectionView {
  const { config } = cluster;
  const tls = config.tlsClientConfig ?? {};
  const exec = config.execProviderConfig;
  return {
    authentication: describeCluster(cluster).authentication,
    ...(exec?.command ? { execCommand: exec.command } : {}),
    ...(exec?.apiVersion ? { execApiVersion: exec.apiVersion } : {}),
    ...(exec?.env && Object.keys(exec.env).length > 0 ? { execEnvNames: Object.keys(exec.env).sort() } : {}),
    tlsVerification: tls.insecure !== true,
    caData: Boolean(tls.caData),
    ...(tls.serverName ? { serverName: tls.serverName } : {}),
    ...(config.proxyUrl ? { proxyUrl: redactUrlCredentials(config.proxyUrl) } : {}),
    disableCompression: config.disableCompression === true,
  };
}

export function clusterView({ cluster, secret }: FoundCluster): ClusterView {
  const shard = secret ? Number.parseInt(secretValues(secret).shard ?? '', 10) : Number.NaN;
  const { [LAST_APPLIED_ANNOTATION]: _copy, ...annotations } = cluster.annotations;
  return {
    server: describeCluster(cluster).server,
    name: cluster.name,
    namespaces: cluster.namespaces,
    clusterResources: cluster.clusterResources,
    project: cluster.project ?? null,
    shard: Number.isInteger(shard) ? shard : null,
    labels: cluster.labels,
    annotations,
    connection: connectionView(cluster),
    secret: cluster.source,
  };
}

const authenticationNames: Record<string, string> = {
  bearerToken: 'bearer token',
  tlsClientCert: 'TLS client certificate',
  exec: 'exec provider',
  aws: 'AWS IAM',
  basic: 'basic auth',
  'in-cluster': 'in-cluster service account',
  none: 'none',
};

const pairs = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ') || '-';

export function describeClusterView(view: ClusterView): string {
  const { connection } = view;
  const authentication = [
    authenticationNames[connection.authentication] ?? connection.authentication,
    connection.execCommand,
    connection.execEnvNames ? `(environment: ${connection.execEnvNames.join(', ')})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const tls = connection.tlsVerification
    ? `verified${connection.caData ? ' (CA in the Secret)' : ''}${connection.serverName ? `, server name ${connection.serverName}` : ''}`
    : 'not verified (insecure)';
  const lines: [string, string][] = [
    ['Server', view.server],
    ['Name', view.name],
    ['Project', view.project ?? '-'],
    ['Namespaces', view.namespaces.length > 0 ? view.namespaces.join(', ') : 'all namespaces'],
    // Argo CD reads clusterResources only when namespaces are listed; with all namespaces they are managed.
    ['Cluster resources', view.clusterResources || view.namespaces.length === 0 ? 'managed' : 'not managed'],
    ['Shard', view.shard === null ? '-' : String(view.shard)],
    ['Authentication', authentication],
    ['TLS', tls],
    ...(connection.proxyUrl ? ([['Proxy', connection.proxyUrl]] as [string, string][]) : []),
    ...(connection.disableCompression ? ([['Compression', 'disabled']] as [string, string][]) : []),
    ['Labels', pairs(view.labels)],
    ['Annotations', pairs(view.annotations)],
    ['Secret', view.secret || '- (built in)'],
  ];
  return lines.map(([label, value]) => `${`${label}:`.padEnd(20)}${value}\n`).join('');
}

export function clusterGetCommand(): Command {
  const command = new Command('get')
    .description('show clusters (without credentials)')
    .argument('<server-or-name...>', 'cluster server URL or name')
    .addOption(outputOption());
  return withModeOptions(command).action(async (selectors: string[], options: GetOptions, self: Command) => {
    if (!coreMode(self, options)) return getThroughServer(selectors, options);
    const connection = connectControlPlane(options);
    const found = await readClusterSecrets(connection, options.namespace);
    const views = selectors.map((selector) => clusterView(findCluster(found, selector, options.namespace)));
    if (options.output === 'table' || options.output === 'wide') {
      process.stdout.write(views.map(describeClusterView).join('\n'));
      return;
    }
    process.stdout.write(
      render(
        { data: views.length === 1 ? views[0] : views, rows: views, columns: [], name: (view) => view.server },
        options.output,
      ),
    );
  });
}

function describeServerCluster(view: ServerClusterView): string {
  const lines: [string, string][] = [
    ['Server', view.server],
    ['Name', view.name],
    ['Project', view.project ?? '-'],
    ['Namespaces', view.namespaces.length > 0 ? view.namespaces.join(', ') : 'all namespaces'],
    ['Cluster resources', view.clusterResources || view.namespaces.length === 0 ? 'managed' : 'not managed'],
    ['Authentication', authenticationNames[view.authentication] ?? view.authentication],
    ['TLS', view.insecure ? 'not verified (insecure)' : 'verified'],
    ['Secret', view.source || '- (built in)'],
  ];
  return lines.map(([label, value]) => `${`${label}:`.padEnd(20)}${value}\n`).join('');
}

async function getThroughServer(selectors: string[], options: GetOptions): Promise<void> {
  const clusters = await fetchServerClusters(options);
  const views = selectors.map((selector) => {
    const view = selectServerCluster(clusters, selector);
    if (!view)
      throw new CliError(`no cluster ${selector} (or not visible to you) — list them with: driftless cluster list`);
    return view;
  });
  if (options.output === 'table' || options.output === 'wide') {
    process.stdout.write(views.map(describeServerCluster).join('\n'));
    return;
  }
  process.stdout.write(
    render(
      { data: views.length === 1 ? views[0] : views, rows: views, columns: [], name: (view) => view.server },
      options.output,
    ),
  );
}
