// Cluster mutations: the cluster Secrets Argo CD writes (cluster-secret-spec.ts),
// authorized as Argo CD's cluster API does (clusters, create|update|delete,
// [<project>/]<server>) against the stored cluster (security.md BI-RBAC-3),
// a cluster the caller may not see answered exactly as a missing one. The
// built-in in-cluster destination can be renamed or narrowed (a Secret is
// written for it) but not removed.
import { Injectable } from '@nestjs/common';
import { type V1Secret } from '@kubernetes/client-node';
import { forbidden } from '../../auth/graphql/auth-errors';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { guardedLookup } from '../../rbac';
import { ControlPlaneSecrets } from '../../repo/api/control-plane-secrets.service';
import { IN_CLUSTER_SERVER } from '../cluster-config';
import { describeCluster } from '../describe-cluster';
import { type ClusterModel } from './cluster.model';
import { ClusterInputProblem, updatedCluster } from './cluster-input';
import { clusterRbacObject, removal, selectCluster, storedClusters, type StoredCluster } from './cluster-match';
import {
  CLUSTER_SECRET_TYPE_LABEL,
  clusterSecret,
  type ClusterSecretInput,
  type ClusterSecretObject,
  MANAGED_BY_ANNOTATION,
  sameCluster,
} from './cluster-secret-spec';
import { type ClusterUpdateInput } from './dto/cluster.input';

@Injectable()
export class ClusterWrites {
  constructor(
    private readonly secrets: ControlPlaneSecrets,
    private readonly rbac: RbacAuthorizer,
  ) {}

  /** Argo CD's cluster Create: an equal Secret is left alone; a different one is replaced only with upsert. */
  async create(principal: Principal, input: ClusterSecretInput, upsert: boolean): Promise<ClusterModel> {
    const can = await this.rbac.checker(principal);
    if (!(await can('create', 'clusters', clusterRbacObject(input)))) throw forbidden();
    let desired: ClusterSecretObject;
    try {
      desired = clusterSecret(this.secrets.namespace, input);
    } catch {
      throw new ClusterInputProblem(`server "${input.server}" is not an absolute URL`);
    }
    const server = desired.stringData.server ?? '';
    const existing = (await this.stored()).find((entry) => entry.secret && entry.cluster.server === server);
    if (existing?.secret) {
      if (sameCluster(existing.secret, desired)) return this.model(existing.secret);
      if (!upsert)
        throw new ClusterInputProblem(`cluster ${server} exists with different settings — use upsert to replace it`);
      if (!(await can('update', 'clusters', clusterRbacObject(existing.cluster)))) throw forbidden();
    }
    return this.model(await this.write(existing?.secret, desired));
  }

  /** Argo CD's cluster Update as `cluster set` uses it: name, namespaces, project, labels; credentials kept. */
  async update(principal: Principal, selector: string, update: ClusterUpdateInput): Promise<ClusterModel> {
    const stored = await this.authorized(principal, 'update', selector);
    const next = updatedCluster(stored.cluster, update);
    if (!(await this.rbac.can(principal, 'update', 'clusters', clusterRbacObject(next)))) throw forbidden();
    const name = stored.secret?.metadata?.name;
    return this.model(await this.write(stored.secret, clusterSecret(this.secrets.namespace, next, name)));
  }

  async delete(principal: Principal, selector: string): Promise<void> {
    const stored = await this.authorized(principal, 'delete', selector);
    if (!stored.secret || stored.cluster.server === IN_CLUSTER_SERVER)
      throw new ClusterInputProblem(
        `${stored.cluster.name} (${IN_CLUSTER_SERVER}) is the in-cluster destination and cannot be removed`,
      );
    const how = removal(stored.secret);
    const name = stored.secret.metadata?.name ?? '';
    if (how.delete) await this.secrets.delete(name);
    else await this.secrets.replace(name, how.replacement);
  }

  /** The one stored cluster `selector` names, if the caller may `action` it; else one answer for missing and forbidden. */
  private async authorized(principal: Principal, action: string, selector: string): Promise<StoredCluster> {
    const can = await this.rbac.checker(principal);
    const result = await guardedLookup({
      fetch: async () => {
        const matches = selectCluster(await this.stored(), selector);
        const visible: StoredCluster[] = [];
        for (const match of matches)
          if (await can('get', 'clusters', clusterRbacObject(match.cluster))) visible.push(match);
        if (visible.length > 1)
          throw new ClusterInputProblem(
            `${visible.length} clusters are named "${selector}" — name one by its server URL`,
          );
        return visible[0] ?? matches[0];
      },
      objectOf: (entry) => clusterRbacObject(entry.cluster),
      can: (object) => can(action, 'clusters', object),
    });
    if (result.outcome === 'allowed') return result.value;
    throw forbidden();
  }

  private async stored(): Promise<StoredCluster[]> {
    return storedClusters(await this.secrets.list(`${CLUSTER_SECRET_TYPE_LABEL}=cluster`), this.secrets.namespace);
  }

  /** Creates the Secret, or replaces `existing` under its own name; a hand-written one does not become CLI-managed. */
  private write(existing: V1Secret | undefined, desired: ClusterSecretObject): Promise<V1Secret> {
    if (!existing) return this.secrets.create(desired);
    const name = existing.metadata?.name ?? desired.metadata.name;
    const annotations = { ...desired.metadata.annotations };
    if (!existing.metadata?.annotations?.[MANAGED_BY_ANNOTATION]) delete annotations[MANAGED_BY_ANNOTATION];
    return this.secrets.replace(name, {
      ...desired,
      metadata: { ...desired.metadata, name, annotations, resourceVersion: existing.metadata?.resourceVersion ?? '' },
    });
  }

  private model(secret: V1Secret): ClusterModel {
    const server = secret.stringData?.server;
    const [entry] = storedClusters([secret], this.secrets.namespace).filter(
      (candidate) => candidate.secret !== undefined && (server === undefined || candidate.cluster.server === server),
    );
    if (!entry) throw new ClusterInputProblem(`the saved Secret ${secret.metadata?.name ?? ''} cannot be read back`);
    const described = describeCluster(entry.cluster);
    return {
      name: described.name,
      server: described.server,
      namespaces: described.namespaces,
      clusterResources: described.clusterResources,
      project: described.project ?? null,
      authentication: described.authentication,
      insecure: described.insecure,
      source: described.source,
    };
  }
}
