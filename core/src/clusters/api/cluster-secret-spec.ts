// The cluster Secret `driftless cluster add` and createCluster write: the name Argo CD gives it
// (`cluster-<host>-<fnv32a(server)>`, util/db's URIToSecretName), its fields
// (server, name, namespaces, clusterResources, project, shard, config) and
// Argo CD's label and managed-by annotation, so either tool finds and removes
// the other's. Pure.
import { type ClusterConnectionConfig } from '../cluster-config';
import { secretValues } from '../../kube/secret-values';
import { fnv32a } from '../../repo/credentials/repository-secret-spec';
import { canonicalJson } from '../../common/canonical-json';

export const CLUSTER_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
export const MANAGED_BY_ANNOTATION = 'managed-by';
export const MANAGED_BY_ARGOCD = 'argocd.argoproj.io';
/** Holds a whole copy of the Secret (credentials included) when kubectl applied it: never written or shown. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ClusterSecretInput {
  server: string;
  name: string;
  namespaces: string[];
  clusterResources: boolean;
  project: string | undefined;
  shard: number | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  config: ClusterConnectionConfig;
}

export interface ClusterSecretObject {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    resourceVersion?: string;
  };
  type: 'Opaque';
  stringData: Record<string, string>;
}

/** The host of an absolute URL as Go's url.ParseRequestURI reads it: userinfo and port dropped, IPv6 unbracketed. */
function hostOf(server: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(server)?.[1];
  if (authority === undefined) throw new Error(`"${server}" is not an absolute URL`);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (!host.startsWith('[')) return host.split(':')[0] ?? '';
  const end = host.indexOf(']');
  if (end < 0) throw new Error(`"${server}" has an unterminated IPv6 address`);
  // The canonical text of the address (lower case, zeros compressed), as Go's netip prints it.
  return new URL(`http://${host.slice(0, end + 1)}`).hostname.slice(1, -1).replaceAll(':', '-');
}

/** Argo CD's URIToSecretName("cluster", server); throws on a server that is not an absolute URL. */
export function clusterSecretName(server: string): string {
  return `cluster-${hostOf(server).toLowerCase()}-${fnv32a(server)}`;
}

/** The ClusterConfig JSON in Go's field order, without empty fields, as Argo CD marshals it. */
export function clusterConfigJson(config: ClusterConnectionConfig): string {
  const tls = config.tlsClientConfig ?? {};
  const exec = config.execProviderConfig;
  return JSON.stringify({
    username: config.username || undefined,
    password: config.password || undefined,
    bearerToken: config.bearerToken || undefined,
    tlsClientConfig: {
      insecure: tls.insecure === true,
      serverName: tls.serverName || undefined,
      certData: tls.certData || undefined,
      keyData: tls.keyData || undefined,
      caData: tls.caData || undefined,
    },
    awsAuthConfig: config.awsAuthConfig,
    execProviderConfig: exec && {
      command: exec.command || undefined,
      args: exec.args?.length ? exec.args : undefined,
      env: exec.env && Object.keys(exec.env).length > 0 ? exec.env : undefined,
      apiVersion: exec.apiVersion || undefined,
      installHint: exec.installHint || undefined,
    },
    disableCompression: config.disableCompression || undefined,
    proxyUrl: config.proxyUrl || undefined,
  });
}

export function clusterSecret(namespace: string, input: ClusterSecretInput, name?: string): ClusterSecretObject {
  const server = input.server.replace(/\/+$/, '');
  const stringData: Record<string, string> = { server, name: input.name || server };
  if (input.namespaces.length > 0) stringData.namespaces = input.namespaces.join(',');
  stringData.config = clusterConfigJson(input.config);
  if (input.shard !== undefined) stringData.shard = String(input.shard);
  if (input.clusterResources) stringData.clusterResources = 'true';
  if (input.project) stringData.project = input.project;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: name ?? clusterSecretName(input.server),
      namespace,
      labels: { ...input.labels, [CLUSTER_SECRET_TYPE_LABEL]: 'cluster' },
      annotations: { ...input.annotations, [MANAGED_BY_ANNOTATION]: MANAGED_BY_ARGOCD },
    },
    type: 'Opaque',
    stringData,
  };
}

interface SecretLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** What a cluster Secret says about the cluster, without the markers Argo CD and kubectl add. */
function comparable(secret: SecretLike, withConfig: boolean): unknown {
  const { config, ...fields } = secretValues(secret);
  const { [CLUSTER_SECRET_TYPE_LABEL]: _type, ...labels } = secret.metadata?.labels ?? {};
  const {
    [MANAGED_BY_ANNOTATION]: _managedBy,
    [LAST_APPLIED_ANNOTATION]: _lastApplied,
    ...annotations
  } = secret.metadata?.annotations ?? {};
  let parsedConfig: unknown = config;
  try {
    parsedConfig = config === undefined ? undefined : JSON.parse(config);
  } catch {
    // Compared as text: a broken config differs from any config we write.
  }
  return canonicalJson({ fields, labels, annotations, ...(withConfig ? { config: parsedConfig } : {}) });
}

/**
 * Whether an existing Secret already says what `desired` says, as Argo CD
 * compares the cluster it would create with the one it finds. Without
 * `withConfig`, only what is known before credentials are fetched.
 */
export function sameCluster(existing: SecretLike, desired: ClusterSecretObject, withConfig = true): boolean {
  return comparable(existing, withConfig) === comparable(desired, withConfig);
}
