// Reads and writes one Application in the control-plane cluster with the
// caller's kubeconfig, as Argo CD's CLI does in --core mode: raw JSON GET,
// JSON patch (with a resourceVersion `test`, so a write never lands on a
// state the command did not check) and DELETE. Failures become one-line
// CliErrors: a missing app, an unreachable API, a refusal with its reason.
import { type Application } from '@driftless/schema';
import { KubeHttp, KubeHttpError } from '../../../kube/kube-http';
import { connectControlPlane, type ControlPlaneOptions } from '../../client/control-plane-access';
import { CliError, ExitCode } from '../../exit-codes';
import { qualifiedAppName, type AppRef } from './app-ref';

export type JsonPatchOperation =
  { op: 'test' | 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/** A JSON patch that lost a race: the object changed since it was read (409, or 422 for a failed `test`). */
export class StaleWriteError extends Error {
  constructor(readonly conflict: KubeHttpError) {
    super(conflict.message);
    this.name = 'StaleWriteError';
  }
}

const applicationPath = (ref: AppRef): string =>
  `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(ref.namespace)}/applications/${encodeURIComponent(ref.name)}`;

export class ApplicationClient {
  constructor(private readonly http: KubeHttp) {}

  static connect(options: ControlPlaneOptions): ApplicationClient {
    return new ApplicationClient(new KubeHttp(connectControlPlane(options).kubeConfig, 30_000));
  }

  /** The Application, or undefined when it does not exist. */
  async find(ref: AppRef): Promise<Application | undefined> {
    try {
      return await this.http.getJson<Application>(applicationPath(ref));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw describeFailure(error, `cannot read application ${qualifiedAppName(ref)}`);
    }
  }

  async get(ref: AppRef): Promise<Application> {
    const application = await this.find(ref);
    if (!application) throw notFound(ref);
    return application;
  }

  /**
   * Applies `operations` only if the Application still has `resourceVersion`;
   * throws StaleWriteError when it changed meanwhile (read it again and decide again).
   */
  async patchIfUnchanged(ref: AppRef, resourceVersion: string, operations: JsonPatchOperation[]): Promise<Application> {
    const guarded: JsonPatchOperation[] = [
      { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
      ...operations,
    ];
    try {
      return await this.http.sendJson<Application>(
        'PATCH',
        applicationPath(ref),
        guarded,
        'application/json-patch+json',
      );
    } catch (error) {
      if (error instanceof KubeHttpError && (error.status === 409 || error.status === 422))
        throw new StaleWriteError(error);
      if (error instanceof KubeHttpError && error.status === 404) throw notFound(ref);
      throw describeFailure(error, `cannot update application ${qualifiedAppName(ref)}`);
    }
  }

  async delete(ref: AppRef): Promise<void> {
    try {
      await this.http.sendJson('DELETE', applicationPath(ref), { kind: 'DeleteOptions', apiVersion: 'v1' });
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) throw notFound(ref);
      throw describeFailure(error, `cannot delete application ${qualifiedAppName(ref)}`);
    }
  }
}

export function notFound(ref: AppRef): CliError {
  return new CliError(
    `application '${ref.name}' not found in namespace ${ref.namespace} — list them with: driftless app list`,
  );
}

function describeFailure(error: unknown, what: string): unknown {
  if (!(error instanceof KubeHttpError)) return error;
  if (error.status === 0) return new CliError(`${what}: ${error.message}`, ExitCode.unreachable);
  return new CliError(`${what}: ${error.message}`);
}

/**
 * Runs `attempt` (read, decide, write) again when its write lost a race, as
 * Argo CD's API server retries update conflicts; a few rounds are plenty for
 * one object written by one controller.
 */
export async function retryOnStaleWrite<T>(attempt: () => Promise<T>, rounds = 5): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
      if (round >= rounds) throw new CliError(`gave up after ${rounds} conflicting writes: ${error.conflict.message}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * round));
    }
  }
}
