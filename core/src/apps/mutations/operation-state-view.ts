// An Application's operation as the API shows it: allow-listed fields of
// status.operationState, never the operation's own sources or manifests. Pure.
import { type Application } from '@driftless/schema';
import { type ApplicationOperationModel } from './dto/operation-state.model';

export function toOperationModel(app: Application): ApplicationOperationModel {
  const state = app.status?.operationState;
  return {
    pending: app.operation !== undefined,
    state: state
      ? {
          phase: state.phase,
          message: state.message ?? null,
          startedAt: state.startedAt,
          finishedAt: state.finishedAt ?? null,
          initiatedBy: state.operation.initiatedBy?.username ?? null,
          automated: state.operation.initiatedBy?.automated === true,
          revision: state.syncResult?.revision ?? null,
          resources: (state.syncResult?.resources ?? []).map((result) => ({
            group: result.group ?? '',
            version: result.version ?? '',
            kind: result.kind ?? '',
            namespace: result.namespace ?? '',
            name: result.name ?? '',
            status: result.status ?? null,
            hookPhase: result.hookPhase ?? null,
            hookType: result.hookType ?? null,
            syncPhase: result.syncPhase ?? null,
            message: result.message ?? null,
          })),
        }
      : null,
  };
}
