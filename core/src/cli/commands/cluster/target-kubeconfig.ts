// The cluster `driftless cluster add CONTEXT` registers, read from a kubeconfig
// as kubectl reads it (`--kubeconfig`, else every file in KUBECONFIG with the
// first definition of a name winning, else ~/.kube/config), and the TLS part
// of the ClusterConfig Argo CD derives from it: CA, client certificate and key
// (file references read and embedded), server name, insecure, proxy and
// compression.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { type ClusterConnectionConfig } from '../../../clusters/cluster-config';
import { CliError, ExitCode } from '../../exit-codes';

export interface TargetCluster {
  /** A client configuration with CONTEXT as its current context. */
  kubeConfig: KubeConfig;
  context: string;
  cluster: Cluster;
  user: User | undefined;
  /** ClusterConfig without credentials of its own: TLS settings, proxy, compression. */
  connection: ClusterConnectionConfig;
}

function kubeconfigPaths(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const fromEnv = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return fromEnv.length > 0 ? fromEnv : [join(homedir(), '.kube', 'config')];
}

function loadKubeconfigs(paths: string[]): { kubeConfig: KubeConfig; raw: unknown[] } {
  const kubeConfig = new KubeConfig();
  const raw: unknown[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      if (paths.length > 1) continue;
      throw new CliError(`kubeconfig ${path} does not exist — pass --kubeconfig or set KUBECONFIG`, ExitCode.usage);
    }
    const first = raw.length === 0;
    const one = first ? kubeConfig : new KubeConfig();
    try {
      one.loadFromFile(path);
      raw.push(load(readFileSync(path, 'utf8')));
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0] ?? '';
      throw new CliError(`cannot read kubeconfig ${path}: ${reason}`, ExitCode.usage);
    }
    if (first) continue;
    // As kubectl merges KUBECONFIG: the first file that defines a name wins.
    for (const cluster of one.getClusters()) if (!kubeConfig.getCluster(cluster.name)) kubeConfig.addCluster(cluster);
    for (const user of one.getUsers()) if (!kubeConfig.getUser(user.name)) kubeConfig.addUser(user);
    for (const context of one.getContexts())
      if (!kubeConfig.getContextObject(context.name)) kubeConfig.addContext(context);
  }
  if (raw.length === 0) throw new CliError(`none of the kubeconfig files exist: ${paths.join(', ')}`, ExitCode.usage);
  return { kubeConfig, raw };
}

/** client-node does not read `disable-compression`; the first file naming the cluster decides. */
function compressionDisabled(raw: unknown[], clusterName: string): boolean {
  for (const document of raw) {
    const clusters = (document as { clusters?: { name?: string; cluster?: Record<string, unknown> }[] } | null)
      ?.clusters;
    const entry = Array.isArray(clusters) ? clusters.find((candidate) => candidate?.name === clusterName) : undefined;
    if (entry) return entry.cluster?.['disable-compression'] === true;
  }
  return false;
}

function embedded(data: string | undefined, file: string | undefined, what: string): string | undefined {
  if (data) return data;
  if (!file) return undefined;
  try {
    return readFileSync(file).toString('base64');
  } catch (error) {
    throw new CliError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

export function loadTargetCluster(explicitPath: string | undefined, context: string): TargetCluster {
  const paths = kubeconfigPaths(explicitPath);
  const { kubeConfig, raw } = loadKubeconfigs(paths);
  const contextObject = kubeConfig.getContextObject(context);
  if (!contextObject) {
    const known = kubeConfig.getContexts().map((candidate) => candidate.name);
    throw new CliError(
      `context "${context}" does not exist in kubeconfig ${paths.join(delimiter)}${known.length > 0 ? ` — use one of: ${known.join(', ')}` : ''}`,
      ExitCode.usage,
    );
  }
  const cluster = kubeConfig.getCluster(contextObject.cluster);
  if (!cluster?.server)
    throw new CliError(`context "${context}" names no cluster with a server in its kubeconfig`, ExitCode.usage);
  kubeConfig.setCurrentContext(context);
  const user = kubeConfig.getUser(contextObject.user) ?? undefined;
  const connection: ClusterConnectionConfig = {
    tlsClientConfig: {
      insecure: cluster.skipTLSVerify,
      ...(cluster.tlsServerName ? { serverName: cluster.tlsServerName } : {}),
      ...optional('caData', embedded(cluster.caData, cluster.caFile, 'certificate authority')),
      ...optional('certData', embedded(user?.certData, user?.certFile, 'client certificate')),
      ...optional('keyData', embedded(user?.keyData, user?.keyFile, 'client key')),
    },
  };
  if (cluster.proxyUrl) connection.proxyUrl = cluster.proxyUrl;
  if (compressionDisabled(raw, cluster.name)) connection.disableCompression = true;
  return { kubeConfig, context, cluster, user, connection };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
