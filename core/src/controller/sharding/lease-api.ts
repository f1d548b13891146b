// Lease reads and writes in the control-plane namespace. Writes are
// conditional on resourceVersion, so a 409 means another replica wrote first.
// Each call is bounded by a timeout so a hung request cannot wedge the
// heartbeat; the timeout is not what keeps ownership safe (the fence is).
import {
  CoordinationV1Api,
  Observable,
  type ConfigurationOptions,
  type KubeConfig,
  type RequestContext,
  type V1Lease,
} from '@kubernetes/client-node';
import { withTimeout } from '../../common/with-timeout';
import { kubeStatusCode } from '../../kube/api-status';
import { microTime, type LeaseObject } from './lease-records';

export const LEASES_PATH = (namespace: string) => `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`;

export function isConflict(error: unknown): boolean {
  return kubeStatusCode(error) === 409;
}

export function isNotFound(error: unknown): boolean {
  return kubeStatusCode(error) === 404;
}

export class LeaseApi {
  private readonly api: CoordinationV1Api;
  private readonly options = reuseOneConnectionPool();

  constructor(
    kubeConfig: KubeConfig,
    readonly namespace: string,
    private readonly timeoutMs: number,
  ) {
    this.api = kubeConfig.makeApiClient(CoordinationV1Api);
  }

  async list(labelSelector: string): Promise<{ items: LeaseObject[]; resourceVersion: string }> {
    const list = await withTimeout(
      this.api.listNamespacedLease({ namespace: this.namespace, labelSelector }, this.options),
      this.timeoutMs,
    );
    return { items: list.items.map(toLeaseObject), resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  async read(name: string): Promise<LeaseObject | undefined> {
    try {
      return toLeaseObject(
        await withTimeout(
          this.api.readNamespacedLease({ name, namespace: this.namespace }, this.options),
          this.timeoutMs,
        ),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Fails with 409 when the Lease exists. */
  async create(lease: LeaseObject): Promise<LeaseObject> {
    const body = toV1Lease(lease);
    return toLeaseObject(
      await withTimeout(
        this.api.createNamespacedLease({ namespace: this.namespace, body }, this.options),
        this.timeoutMs,
      ),
    );
  }

  /** Fails with 409 when the Lease changed since `lease.metadata.resourceVersion`, 404 when it is gone. */
  async replace(lease: LeaseObject): Promise<LeaseObject> {
    if (!lease.metadata.resourceVersion)
      throw new Error(`Lease ${lease.metadata.name}: replace needs a resourceVersion`);
    const body = toV1Lease(lease);
    const name = lease.metadata.name;
    return toLeaseObject(
      await withTimeout(
        this.api.replaceNamespacedLease({ name, namespace: this.namespace, body }, this.options),
        this.timeoutMs,
      ),
    );
  }

  /** Deletes only the version given (409 otherwise); gone already is fine. */
  async delete(name: string, resourceVersion: string): Promise<void> {
    try {
      await withTimeout(
        this.api.deleteNamespacedLease(
          {
            name,
            namespace: this.namespace,
            body: { preconditions: { resourceVersion } },
          },
          this.options,
        ),
        this.timeoutMs,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/**
 * client-node 2 gives every request a new undici Agent when the kubeconfig has
 * a CA (every real cluster), so each call opens a new TLS connection; with a
 * write per held cluster per heartbeat that is a handshake storm. Authentication
 * has set the request's Agent when middleware runs: keep the first one for all.
 */
function reuseOneConnectionPool(): ConfigurationOptions {
  let shared: ReturnType<RequestContext['getDispatcher']>;
  return {
    middlewareMergeStrategy: 'append',
    middleware: [
      {
        pre: (context) => {
          shared ??= context.getDispatcher();
          if (shared) context.setDispatcher(shared);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
  };
}

/** The generated V1Lease types MicroTime as Date; the serializer sends our strings as they are. */
function toV1Lease(lease: LeaseObject): V1Lease {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease } as unknown as V1Lease;
}

/** From a client-node answer or a raw watch event. */
export function toLeaseObject(raw: V1Lease): LeaseObject {
  const metadata = raw.metadata ?? {};
  const spec = raw.spec ?? {};
  const lease: LeaseObject = { metadata: { name: metadata.name ?? '' }, spec: {} };
  if (metadata.resourceVersion !== undefined) lease.metadata.resourceVersion = metadata.resourceVersion;
  if (metadata.labels !== undefined) lease.metadata.labels = metadata.labels;
  if (metadata.annotations !== undefined) lease.metadata.annotations = metadata.annotations;
  if (spec.holderIdentity !== undefined) lease.spec.holderIdentity = spec.holderIdentity;
  if (spec.leaseDurationSeconds !== undefined) lease.spec.leaseDurationSeconds = spec.leaseDurationSeconds;
  if (spec.leaseTransitions !== undefined) lease.spec.leaseTransitions = spec.leaseTransitions;
  const acquireTime = timeText(spec.acquireTime);
  if (acquireTime !== undefined) lease.spec.acquireTime = acquireTime;
  const renewTime = timeText(spec.renewTime);
  if (renewTime !== undefined) lease.spec.renewTime = renewTime;
  return lease;
}

function timeText(value: unknown): string | undefined {
  if (value instanceof Date) return microTime(value);
  return typeof value === 'string' ? value : undefined;
}
