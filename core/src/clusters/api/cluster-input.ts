// From the GraphQL inputs to what cluster-secret-spec writes, and what an
// update does to a stored cluster. Pure.
import { type ClusterConnectionConfig, type ClusterDefinition } from '../cluster-config';
import { type ClusterSecretInput, LAST_APPLIED_ANNOTATION } from './cluster-secret-spec';
import { type ClusterConfigInput, type ClusterInput, type ClusterUpdateInput } from './dto/cluster.input';

export class ClusterInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterInputProblem';
  }
}

function stringMap(value: Record<string, unknown> | null | undefined, what: string): Record<string, string> {
  for (const [key, item] of Object.entries(value ?? {}))
    if (typeof item !== 'string') throw new ClusterInputProblem(`${what}[${JSON.stringify(key)}] must be a string`);
  return { ...(value as Record<string, string> | undefined) };
}

function annotations(value: Record<string, unknown> | null | undefined): Record<string, string> {
  const map = stringMap(value, 'annotations');
  // It would hold a plaintext copy of the Secret (security.md row 28).
  if (LAST_APPLIED_ANNOTATION in map)
    throw new ClusterInputProblem(`annotation ${LAST_APPLIED_ANNOTATION} cannot be set`);
  return map;
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== '';

export function connectionConfig(input: ClusterConfigInput | null | undefined): ClusterConnectionConfig {
  if (!input) return {};
  const tls = input.tlsClientConfig;
  const exec = input.execProviderConfig;
  return {
    ...(present(input.username) ? { username: input.username } : {}),
    ...(present(input.password) ? { password: input.password } : {}),
    ...(present(input.bearerToken) ? { bearerToken: input.bearerToken } : {}),
    ...(tls
      ? {
          tlsClientConfig: {
            ...(tls.insecure ? { insecure: true } : {}),
            ...(present(tls.serverName) ? { serverName: tls.serverName } : {}),
            ...(present(tls.certData) ? { certData: tls.certData } : {}),
            ...(present(tls.keyData) ? { keyData: tls.keyData } : {}),
            ...(present(tls.caData) ? { caData: tls.caData } : {}),
          },
        }
      : {}),
    ...(exec
      ? {
          execProviderConfig: {
            command: exec.command,
            ...(exec.args?.length ? { args: exec.args } : {}),
            ...(exec.env ? { env: stringMap(exec.env, 'config.execProviderConfig.env') } : {}),
            ...(present(exec.apiVersion) ? { apiVersion: exec.apiVersion } : {}),
            ...(present(exec.installHint) ? { installHint: exec.installHint } : {}),
          },
        }
      : {}),
    ...(input.disableCompression ? { disableCompression: true } : {}),
    ...(present(input.proxyUrl) ? { proxyUrl: input.proxyUrl } : {}),
  };
}

export function clusterSecretInput(input: ClusterInput): ClusterSecretInput {
  const server = input.server.trim();
  if (!/^https?:\/\/[^/]/.test(server)) throw new ClusterInputProblem(`server "${input.server}" is not an http(s) URL`);
  if (input.shard !== null && input.shard !== undefined && input.shard < 0)
    throw new ClusterInputProblem('shard must be 0 or more');
  return {
    server,
    name: input.name ?? '',
    namespaces: input.namespaces ?? [],
    clusterResources: input.clusterResources === true,
    project: input.project ?? undefined,
    shard: input.shard ?? undefined,
    labels: stringMap(input.labels, 'labels'),
    annotations: annotations(input.annotations),
    config: connectionConfig(input.config),
  };
}

/** A stored cluster with `cluster set`'s changes; its credentials stay as they are. */
export function updatedCluster(stored: ClusterDefinition, update: ClusterUpdateInput): ClusterSecretInput {
  const { [LAST_APPLIED_ANNOTATION]: _copy, ...storedAnnotations } = stored.annotations;
  const { 'argocd.argoproj.io/secret-type': _type, ...storedLabels } = stored.labels;
  return {
    server: stored.server,
    name: update.name ?? stored.name,
    namespaces: update.namespaces ?? stored.namespaces,
    clusterResources: update.clusterResources ?? stored.clusterResources,
    project: update.project === null || update.project === undefined ? stored.project : update.project || undefined,
    shard: stored.shard,
    labels: update.labels ? stringMap(update.labels, 'labels') : storedLabels,
    annotations: update.annotations ? annotations(update.annotations) : storedAnnotations,
    config: stored.config,
  };
}
