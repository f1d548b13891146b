// Writes an operation's progress to its Application as a compare-and-swap:
// the JSON patch tests that `status.operationState` is still what this
// controller last read, so a second controller (split brain) or a stale copy
// can never overwrite progress — the loser gets a conflict, re-reads and
// decides again. `operation` is removed in the same patch that ends it.
import { type Application, type OperationState, type RevisionHistory } from '@driftless/schema';
import { KubeHttpError, type KubeHttp } from '../../kube/kube-http';

export interface OperationWrite {
  state: OperationState;
  /** The operation ended: remove `operation` from the app. */
  clearOperation?: boolean;
  history?: RevisionHistory[];
}

/** Someone else wrote the operation state (or the app) first. */
export class OperationConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationConflict';
  }
}

export function applicationPath(app: Application): string {
  const { namespace = '', name = '' } = app.metadata;
  return `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications/${encodeURIComponent(name)}`;
}

export class OperationWriter {
  constructor(private readonly http: KubeHttp) {}

  async write(app: Application, write: OperationWrite): Promise<Application> {
    const previous = app.status?.operationState;
    const operations: object[] = [];
    if (previous) operations.push({ op: 'test', path: '/status/operationState', value: previous });
    else operations.push({ op: 'test', path: '/metadata/resourceVersion', value: app.metadata.resourceVersion });
    if (!app.status) operations.push({ op: 'add', path: '/status', value: {} });
    operations.push({ op: 'add', path: '/status/operationState', value: write.state });
    if (write.history) operations.push({ op: 'add', path: '/status/history', value: write.history });
    if (write.clearOperation && app.operation !== undefined) {
      operations.push({ op: 'test', path: '/operation', value: app.operation });
      operations.push({ op: 'remove', path: '/operation' });
    }
    return this.patch(app, operations);
  }

  /** Sets `operation` on an app that has none running (auto-sync), unless the app changed meanwhile. */
  setOperation(app: Application, operation: NonNullable<Application['operation']>): Promise<Application> {
    return this.patch(app, [
      { op: 'test', path: '/metadata/resourceVersion', value: app.metadata.resourceVersion },
      { op: 'add', path: '/operation', value: operation },
    ]);
  }

  read(app: Application): Promise<Application> {
    return this.http.getJson<Application>(applicationPath(app));
  }

  private async patch(app: Application, operations: object[]): Promise<Application> {
    try {
      return await this.http.sendJson<Application>(
        'PATCH',
        applicationPath(app),
        operations,
        'application/json-patch+json',
      );
    } catch (error) {
      // A failed test is 422 (Invalid) on kube-apiserver; a resourceVersion race is 409.
      if (error instanceof KubeHttpError && (error.status === 409 || error.status === 422))
        throw new OperationConflict(error.message);
      throw error;
    }
  }
}
