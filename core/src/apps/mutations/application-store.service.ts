// Reads and writes Applications in the control-plane cluster for the API's
// mutations: raw JSON (KubeHttp), every write guarded by the resourceVersion
// the decision was made on, so a mutation never lands on a state it did not
// check (a lost race is a StaleWrite; the caller reads again and decides
// again, as Argo CD's API server retries update conflicts).
import { Inject, Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';

export type JsonPatchOperation =
  { op: 'test' | 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** The object changed since it was read (409, or 422 for a failed `test`). */
export class StaleWrite extends Error {
  constructor() {
    super('the application changed while the request was being decided');
    this.name = 'StaleWrite';
  }
}

/** Kubernetes refused a write; `message` is the API server's, for the caller to pass on. */
export class ApplicationWriteRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApplicationWriteRefused';
  }
}

/** Who wrote, in managedFields: Argo CD's API server's name, as tools that read them expect. */
const WRITER = { fieldManager: 'argocd-server' } as const;

const applicationsPath = (namespace: string) =>
  `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/applications`;
const applicationPath = (namespace: string, name: string) =>
  `${applicationsPath(namespace)}/${encodeURIComponent(name)}`;

function writeFailure(error: unknown): unknown {
  if (!(error instanceof KubeHttpError)) return error;
  if (error.status === 409 || (error.status === 422 && /test operation failed|testing value/i.test(error.message)))
    return new StaleWrite();
  if (error.status >= 400 && error.status < 500) return new ApplicationWriteRefused(error.status, error.message);
  return error;
}

@Injectable()
export class ApplicationStore {
  private readonly http: KubeHttp;

  constructor(@Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection) {
    this.http = new KubeHttp(cluster.kubeConfig, 30_000);
  }

  async get(namespace: string, name: string): Promise<Application | undefined> {
    try {
      return await this.http.getJson<Application>(applicationPath(namespace, name));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Creates the Application; `undefined` when one of that name exists already. */
  async create(application: Application): Promise<Application | undefined> {
    try {
      return await this.http.sendJson<Application>(
        'POST',
        applicationsPath(application.metadata.namespace ?? ''),
        application,
        'application/json',
        WRITER,
      );
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 409) return undefined;
      throw writeFailure(error);
    }
  }

  /** Replaces the Application; it must still have the resourceVersion it carries. */
  async replace(application: Application): Promise<Application> {
    const { namespace = '', name = '' } = application.metadata;
    try {
      return await this.http.sendJson<Application>(
        'PUT',
        applicationPath(namespace, name),
        application,
        'application/json',
        WRITER,
      );
    } catch (error) {
      throw writeFailure(error);
    }
  }

  /** A JSON patch applied only if the Application still has `resourceVersion`. */
  async patchIfUnchanged(
    namespace: string,
    name: string,
    resourceVersion: string,
    operations: JsonPatchOperation[],
  ): Promise<Application> {
    const guarded = [{ op: 'test', path: '/metadata/resourceVersion', value: resourceVersion }, ...operations];
    try {
      return await this.http.sendJson<Application>(
        'PATCH',
        applicationPath(namespace, name),
        guarded,
        'application/json-patch+json',
        WRITER,
      );
    } catch (error) {
      throw writeFailure(error);
    }
  }

  /** What `patch` would make of the stored Application, computed by the API server without writing (dryRun=All). */
  async previewPatch(
    namespace: string,
    name: string,
    patch: unknown,
    contentType: 'application/json-patch+json' | 'application/merge-patch+json',
  ): Promise<Application> {
    try {
      return await this.http.sendJson<Application>('PATCH', applicationPath(namespace, name), patch, contentType, {
        ...WRITER,
        dryRun: 'All',
      });
    } catch (error) {
      // A patch that does not apply (a failed `test` of the client's own, a bad path) is the client's problem, not a race.
      if (error instanceof KubeHttpError && error.status >= 400 && error.status < 500 && error.status !== 404)
        throw new ApplicationWriteRefused(error.status, error.message);
      throw error;
    }
  }

  /** Deletes the Application if it still has `resourceVersion`; false when it is gone already. */
  async delete(namespace: string, name: string, resourceVersion: string): Promise<boolean> {
    try {
      await this.http.sendJson('DELETE', applicationPath(namespace, name), {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        preconditions: { resourceVersion },
      });
      return true;
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return false;
      throw writeFailure(error);
    }
  }
}

/** Runs `attempt` (read, decide, write) again when its write lost a race; a few rounds are plenty for one object. */
export async function retryOnStaleWrite<T>(attempt: () => Promise<T>, rounds = 5): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleWrite) || round >= rounds) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * round));
    }
  }
}
