// An application's destination cluster as the API server reaches it: a client
// with the cluster's credentials, and what Helm's --kube-version and
// --api-versions need (the controller reads those from its live cache; the
// server asks the cluster, at most once a minute per cluster).
import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { ClusterRegistry } from '../../clusters/cluster-registry.service';
import { discoverApiResources } from '../../controller/live-state/api-discovery';
import { KubeHttp } from '../../kube/kube-http';
import { clusterLookup, resolveDestinationCluster } from '../../projects/enforcement';

export interface DestinationCluster {
  cluster: ClusterDefinition;
  http: KubeHttp;
}

export interface ClusterVersions {
  kubeVersion: string;
  apiVersions: string[];
}

const DISCOVERY_TTL_MS = 60_000;

@Injectable()
export class DestinationClusters {
  private readonly clients = new WeakMap<ClusterDefinition, KubeHttp>();
  private readonly discovered = new Map<string, { at: number; versions: Promise<ClusterVersions> }>();

  constructor(private readonly clusters: ClusterRegistry) {}

  /** The app's destination, or an error message when it does not resolve (Argo CD's wording). */
  async resolve(app: Application): Promise<DestinationCluster | { error: string }> {
    await this.clusters.start();
    const resolution = resolveDestinationCluster(app.spec.destination ?? {}, clusterLookup(this.clusters.list()));
    if (!('cluster' in resolution)) return { error: resolution.error };
    return { cluster: resolution.cluster, http: this.client(resolution.cluster) };
  }

  versions(destination: DestinationCluster): Promise<ClusterVersions> {
    const key = destination.cluster.server;
    const cached = this.discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.versions;
    const versions = discover(destination.http);
    this.discovered.set(key, { at: Date.now(), versions });
    versions.catch(() => this.discovered.delete(key));
    return versions;
  }

  private client(cluster: ClusterDefinition): KubeHttp {
    let http = this.clients.get(cluster);
    if (!http) {
      http = new KubeHttp(this.clusters.kubeConfig(cluster), 30_000);
      this.clients.set(cluster, http);
    }
    return http;
  }
}

async function discover(http: KubeHttp): Promise<ClusterVersions> {
  const version = await http.getJson<{ gitVersion?: string }>('/version');
  const types = await discoverApiResources(http);
  return {
    kubeVersion: (version.gitVersion ?? '').replace(/^v/, '').replace(/[-+].*$/, ''),
    apiVersions: [...new Set(types.map((type) => (type.group ? `${type.group}/${type.version}` : type.version)))],
  };
}
