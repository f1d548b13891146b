// Objects of an app's managed tree in its destination cluster: found through
// the app's destination (cluster Secrets, the in-cluster destination), checked
// against the project's resource rules, then deleted or patched with the
// cluster's credentials. Kubernetes' own refusals come back as one line.
import { Injectable } from '@nestjs/common';
import { type Application, type AppProject } from '@driftless/schema';
import { ClusterRegistry } from '../../clusters/cluster-registry.service';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import {
  DEFAULT_PROJECT_NAME,
  clusterLookup,
  compileProject,
  defaultProject,
  isResourcePermitted,
  resolveDestinationCluster,
} from '../../projects/enforcement';
import { ProjectReader } from '../../projects/project-reader.service';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { ApplicationWriteRefused } from './application-store.service';
import { groupVersionPath, type ResourceDeletion } from './managed-resource';

export interface LiveResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Where a resource lives in its cluster, once found. */
export interface ResourceLocation {
  http: KubeHttp;
  path: string;
}

const FIELD_MANAGER = { fieldManager: 'argocd-server' } as const;

@Injectable()
export class DestinationResources {
  private readonly clients = new WeakMap<ClusterDefinition, KubeHttp>();

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly projects: ProjectReader,
  ) {}

  /**
   * The object's path in the app's destination cluster; undefined when the
   * destination does not resolve, the project forbids the object there, or
   * the cluster does not serve its kind — all answered as "not found".
   */
  async locate(
    app: Application,
    resource: LiveResourceRef,
    controlNamespace: string,
  ): Promise<ResourceLocation | undefined> {
    await this.clusters.start();
    const clusters = this.clusters.list();
    const resolution = app.spec.destination
      ? resolveDestinationCluster(app.spec.destination, clusterLookup(clusters))
      : undefined;
    if (!resolution || !('cluster' in resolution)) return undefined;
    const project = await this.projectOf(app, controlNamespace);
    if (!project) return undefined;
    const compiled = compileProject(project, { clusters });
    const verdict = isResourcePermitted(compiled, resource, resource.namespace !== '', resolution.cluster);
    if (!verdict.permitted) return undefined;
    const http = this.client(resolution.cluster);
    const plural = await this.pluralOf(http, resource);
    if (plural === undefined) return undefined;
    const base = groupVersionPath(resource.group, resource.version);
    const scope = plural.namespaced ? `/namespaces/${encodeURIComponent(resource.namespace)}` : '';
    return { http, path: `${base}${scope}/${plural.name}/${encodeURIComponent(resource.name)}` };
  }

  async delete(location: ResourceLocation, deletion: ResourceDeletion): Promise<void> {
    try {
      if (deletion.removeFinalizers)
        await location.http.sendJson(
          'PATCH',
          location.path,
          { metadata: { finalizers: null } },
          'application/merge-patch+json',
          FIELD_MANAGER,
        );
      await location.http.sendJson('DELETE', location.path, {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: deletion.propagationPolicy,
        ...(deletion.propagationPolicy === 'Background' ? { gracePeriodSeconds: deletion.gracePeriodSeconds } : {}),
      });
    } catch (error) {
      throw refusal(error);
    }
  }

  /** Patches the object; returns its new resourceVersion. */
  async patch(location: ResourceLocation, patch: unknown, contentType: string): Promise<string> {
    try {
      const patched = await location.http.sendJson<{ metadata?: { resourceVersion?: string } }>(
        'PATCH',
        location.path,
        patch,
        contentType,
        FIELD_MANAGER,
      );
      return patched.metadata?.resourceVersion ?? '';
    } catch (error) {
      throw refusal(error);
    }
  }

  /** Replaces the object; it must still have the resourceVersion it carries (a resource action's result). */
  async replace(location: ResourceLocation, object: unknown): Promise<void> {
    try {
      await location.http.sendJson('PUT', location.path, object, 'application/json', FIELD_MANAGER);
    } catch (error) {
      throw refusal(error);
    }
  }

  private async projectOf(app: Application, controlNamespace: string): Promise<AppProject | undefined> {
    const name = app.spec.project || DEFAULT_PROJECT_NAME;
    const stored = (await this.projects.list()).find((project) => project.metadata.name === name);
    return stored ?? (name === DEFAULT_PROJECT_NAME ? defaultProject(controlNamespace) : undefined);
  }

  private client(cluster: ClusterDefinition): KubeHttp {
    let http = this.clients.get(cluster);
    if (!http) {
      http = new KubeHttp(this.clusters.kubeConfig(cluster), 30_000);
      this.clients.set(cluster, http);
    }
    return http;
  }

  private async pluralOf(
    http: KubeHttp,
    resource: LiveResourceRef,
  ): Promise<{ name: string; namespaced: boolean } | undefined> {
    try {
      const list = await http.getJson<{ resources?: { name: string; kind: string; namespaced: boolean }[] }>(
        groupVersionPath(resource.group, resource.version),
      );
      const match = list.resources?.find((entry) => entry.kind === resource.kind && !entry.name.includes('/'));
      return match && { name: match.name, namespaced: match.namespaced };
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof KubeHttpError && error.status >= 400 && error.status < 500)
    return new ApplicationWriteRefused(error.status, error.message);
  return error;
}
