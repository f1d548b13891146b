// Operations on an Application through the API, as Argo CD's API server
// requests them: the `operation` field written (sync, rollback), the phase set
// to Terminating, the refresh annotation set. Each attempt re-reads and
// re-authorizes the stored Application and writes only if it is unchanged,
// so two clients cannot both start an operation.
import { Injectable } from '@nestjs/common';
import { type Application, type Operation } from '@driftless/schema';
import { type AuthContext } from '../../auth/principal';
import { ProjectReader } from '../../projects/project-reader.service';
import { canSync } from '../../projects/sync-windows';
import { operationInProgress } from '../operations/operation-state';
import { buildRollbackOperation } from '../operations/rollback-operation';
import { buildSyncOperation, type SyncRequest } from '../operations/sync-operation';
import { ApplicationAccess, type AppTarget } from './application-access.service';
import { ApplicationStore, type JsonPatchOperation, retryOnStaleWrite } from './application-store.service';
import { failedPrecondition } from './mutation-errors';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export type SyncParameters = Omit<SyncRequest, 'username'>;

@Injectable()
export class ApplicationOperations {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly store: ApplicationStore,
    private readonly projects: ProjectReader,
  ) {}

  sync(context: AuthContext, target: AppTarget, parameters: SyncParameters): Promise<Application> {
    return this.requestOperation(context, target, (app, username) =>
      buildSyncOperation(app, { ...parameters, username }),
    );
  }

  rollback(
    context: AuthContext,
    target: AppTarget,
    id: number | undefined,
    options: { prune: boolean; dryRun: boolean },
  ): Promise<Application> {
    return this.requestOperation(context, target, (app, username) =>
      buildRollbackOperation(app, id, { ...options, username }),
    );
  }

  /** Marks the running operation Terminating; the controller stops it (Argo CD's TerminateOperation). */
  terminate(context: AuthContext, target: AppTarget): Promise<Application> {
    return retryOnStaleWrite(async () => {
      const { app, namespace } = await this.access.authorize(context, 'sync', target);
      if (!app.operation || !app.status?.operationState)
        throw failedPrecondition('Unable to terminate operation. No operation is in progress');
      return this.store.patchIfUnchanged(namespace, target.name, app.metadata.resourceVersion ?? '', [
        { op: 'replace', path: '/status/operationState/phase', value: 'Terminating' },
      ]);
    }, 10);
  }

  /** Asks the controller for a refresh (normal or hard) with Argo CD's annotation; returns at once. */
  refresh(context: AuthContext, target: AppTarget, hard: boolean): Promise<Application> {
    return retryOnStaleWrite(async () => {
      const { app, namespace } = await this.access.authorize(context, 'get', target);
      const level = hard ? 'hard' : 'normal';
      const patch: JsonPatchOperation[] = app.metadata.annotations
        ? [{ op: 'add', path: `/metadata/annotations/${REFRESH_ANNOTATION.replace('/', '~1')}`, value: level }]
        : [{ op: 'add', path: '/metadata/annotations', value: { [REFRESH_ANNOTATION]: level } }];
      return this.store.patchIfUnchanged(namespace, target.name, app.metadata.resourceVersion ?? '', patch);
    });
  }

  /** Argo CD's Sync refuses a manual sync its project's windows block (the controller would hold it). */
  private async checkSyncWindows(app: Application): Promise<void> {
    const project = (await this.projects.list()).find((candidate) => candidate.metadata.name === app.spec.project);
    const windows = project?.spec.syncWindows ?? [];
    if (windows.length === 0) return;
    const destination = app.spec.destination;
    const decision = canSync(
      windows,
      {
        application: app.metadata.name ?? '',
        namespace: destination.namespace ?? '',
        server: destination.server ?? '',
        ...(destination.name ? { clusterName: destination.name } : {}),
      },
      { manual: true, now: new Date() },
    );
    if (!decision.allowed) throw failedPrecondition(decision.message);
  }

  private requestOperation(
    context: AuthContext,
    target: AppTarget,
    build: (app: Application, username: string) => Operation,
  ): Promise<Application> {
    return retryOnStaleWrite(async () => {
      const { app, namespace, principal } = await this.access.authorize(context, 'sync', target);
      if (operationInProgress(app)) throw failedPrecondition('another operation is already in progress');
      const operation = build(app, principal.username);
      await this.checkSyncWindows(app);
      const patch: JsonPatchOperation[] = [{ op: 'add', path: '/operation', value: operation }];
      // As Argo CD's SetAppOperation: the previous operation's state goes with the new request.
      if (app.status?.operationState) patch.push({ op: 'remove', path: '/status/operationState' });
      return this.store.patchIfUnchanged(namespace, target.name, app.metadata.resourceVersion ?? '', patch);
    });
  }
}
