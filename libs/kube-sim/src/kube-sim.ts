// startKubeSim: one or more simulated clusters in this process, each on its own
// port, and the kubeconfig that reaches them.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { dump } from 'js-yaml';
import { loadStore, SnapshotWriter } from './persistence/snapshot-file';
import { SimCluster } from './sim-cluster';
import { createServerCertificates, type ServerCertificates } from './tls/certificates';
import { defaultTiming, type SimTiming } from './timing';

export interface KubeSimOptions {
  /** Number of clusters (default 1). */
  clusters?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** First cluster's port; 0 (default) picks free ports; cluster i uses port+i when port > 0. */
  port?: number;
  /** Serve HTTPS with a generated CA (default true). */
  tls?: boolean;
  /** Bearer token every cluster accepts; random when absent. */
  token?: string;
  /** Directory where cluster state is kept across restarts; in memory only when absent. */
  dataDir?: string;
  timing?: Partial<SimTiming>;
  /** Simulated nodes per cluster (default 3). */
  nodes?: number;
  /** Events kept for watch resumption; older resourceVersions get 410 Gone (default 10,000). */
  watchHistory?: number;
}

export interface KubeSim {
  clusters: SimCluster[];
  /** PEM of the CA that signed the servers' certificate (undefined without TLS). */
  caCertPem: string | undefined;
  /** One context per cluster, CA embedded, current-context the first. */
  kubeconfigYaml(): string;
  writeKubeconfig(path: string): Promise<void>;
  stop(): Promise<void>;
}

export function clusterName(index: number): string {
  return `kube-sim-${index + 1}`;
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const count = options.clusters ?? 1;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`kube-sim: clusters must be a positive integer (got ${String(options.clusters)})`);
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('hex');
  const timing: SimTiming = { ...defaultTiming, ...options.timing };
  const certificates: ServerCertificates | undefined =
    options.tls === false ? undefined : createServerCertificates([host]);
  const clusters: SimCluster[] = [];
  const writers: SnapshotWriter[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const name = clusterName(index);
      const watchHistory = options.watchHistory ?? 10_000;
      const store = options.dataDir ? loadStore(options.dataDir, name, watchHistory) : undefined;
      const cluster = await SimCluster.start({
        name,
        host,
        port: options.port ? options.port + index : 0,
        token,
        // Each cluster gets its own copy, so cluster.timing can be tuned per cluster at run time.
        timing: { ...timing },
        nodes: options.nodes ?? 3,
        watchHistory,
        certificates,
        ...(store ? { store } : {}),
      });
      clusters.push(cluster);
      if (options.dataDir) writers.push(new SnapshotWriter(cluster.store, options.dataDir, name));
    }
  } catch (error) {
    await Promise.all(clusters.map((cluster) => cluster.stop()));
    throw error;
  }

  const kubeconfigYaml = (): string => {
    // Without TLS, client-node only accepts an http:// server when TLS verification is marked skipped.
    const authority = certificates
      ? { 'certificate-authority-data': Buffer.from(certificates.caCertPem).toString('base64') }
      : { 'insecure-skip-tls-verify': true };
    return dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: clusters.map((cluster) => ({ name: cluster.name, cluster: { server: cluster.server, ...authority } })),
      users: clusters.map((cluster) => ({ name: cluster.name, user: { token: cluster.token } })),
      contexts: clusters.map((cluster) => ({
        name: cluster.name,
        context: { cluster: cluster.name, user: cluster.name, namespace: 'default' },
      })),
      'current-context': clusters[0]?.name ?? '',
      preferences: {},
    });
  };

  let stopped = false;
  return {
    clusters,
    caCertPem: certificates?.caCertPem,
    kubeconfigYaml,
    async writeKubeconfig(path: string): Promise<void> {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, kubeconfigYaml(), { mode: 0o600 });
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await Promise.all(clusters.map((cluster) => cluster.stop()));
      await Promise.all(writers.map((writer) => writer.close()));
    },
  };
}
