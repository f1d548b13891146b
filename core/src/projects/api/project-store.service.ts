// Reads and writes AppProjects in the control-plane namespace for the API's
// mutations (raw JSON). Every change goes through `change`: read, decide on
// that object, replace guarded by its resourceVersion, and on a lost race
// read and decide again, as Argo CD's API server retries update conflicts.
import { Inject, Injectable } from '@nestjs/common';
import { type AppProject } from '@driftless/schema';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError, type KubeList } from '../../kube/kube-http';
import { ProjectInputProblem } from './project-spec';

/** Who wrote, in managedFields: Argo CD's API server's name. */
const WRITER = { fieldManager: 'argocd-server' } as const;
const ATTEMPTS = 5;

/** Kubernetes refused a project write (message is the API server's). */
export class ProjectWriteRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectWriteRefused';
  }
}

@Injectable()
export class ProjectStore {
  private readonly http: KubeHttp;
  private readonly collection: string;
  /** The control-plane namespace, where AppProjects live. */
  readonly namespace: string;

  constructor(@Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection, @Inject(KERNEL_CONFIG) config: KernelConfig) {
    this.http = new KubeHttp(cluster.kubeConfig, 30_000);
    this.namespace = config.namespace;
    this.collection = `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(config.namespace)}/appprojects`;
  }

  /** The stored project, read now (no cache: token revocation must count at once). */
  async get(name: string): Promise<AppProject | undefined> {
    try {
      return await this.http.getJson<AppProject>(this.path(name));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Creates the project; undefined when one of that name exists. */
  async create(project: AppProject): Promise<AppProject | undefined> {
    try {
      return await this.http.sendJson<AppProject>('POST', this.collection, project, 'application/json', WRITER);
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 409) return undefined;
      throw refused(error);
    }
  }

  /**
   * Applies `decide` to the stored project and writes the result, retrying
   * when the project changed in between; undefined when there is no project.
   * `decide` may throw to refuse.
   */
  async change(name: string, decide: (project: AppProject) => AppProject): Promise<AppProject | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.get(name);
      if (!current) return undefined;
      const next = decide(structuredClone(current));
      next.metadata.resourceVersion = current.metadata.resourceVersion ?? '';
      try {
        return await this.http.sendJson<AppProject>('PUT', this.path(name), next, 'application/json', WRITER);
      } catch (error) {
        if (!(error instanceof KubeHttpError && error.status === 409) || attempt >= ATTEMPTS) throw refused(error);
      }
    }
  }

  async delete(name: string): Promise<boolean> {
    try {
      await this.http.sendJson('DELETE', this.path(name), {});
      return true;
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return false;
      throw refused(error);
    }
  }

  /** Names (namespace/name) of the Applications in any namespace that use `project`. */
  async applicationsUsing(project: string): Promise<string[]> {
    const list = await this.http.getJson<
      KubeList<{ metadata: { name?: string; namespace?: string }; spec?: { project?: string } }>
    >('/apis/argoproj.io/v1alpha1/applications');
    return (list.items ?? [])
      .filter((app) => (app.spec?.project || 'default') === project)
      .map((app) => `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`);
  }

  private path(name: string): string {
    return `${this.collection}/${encodeURIComponent(name)}`;
  }
}

function refused(error: unknown): unknown {
  if (error instanceof ProjectInputProblem) return error;
  if (error instanceof KubeHttpError && error.status >= 400 && error.status < 500)
    return new ProjectWriteRefused(error.status, error.message);
  return error;
}
