// An application's sync windows now, from its project's windows (Argo CD's
// GetApplicationSyncWindows and the "Sync Window" lines of `argocd app get`). Pure.
import { type Application, type SyncWindow } from '@driftless/schema';
import { syncWindowSummary } from '../../projects/sync-windows';
import { syncWindowFields } from '../../projects/sync-windows/sync-window.model';
import { type ApplicationSyncWindowsModel, type AssignedSyncWindowModel } from './sync-windows.model';

function windowModel(window: SyncWindow, active: boolean): AssignedSyncWindowModel {
  return { ...syncWindowFields(window), active };
}

export function applicationSyncWindows(
  app: Application,
  projectWindows: readonly SyncWindow[],
  now: Date,
): ApplicationSyncWindowsModel {
  const destination = app.spec.destination ?? {};
  const summary = syncWindowSummary(
    projectWindows,
    {
      application: app.metadata.name ?? '',
      namespace: destination.namespace ?? '',
      server: destination.server ?? '',
      ...(destination.name ? { clusterName: destination.name } : {}),
    },
    now,
  );
  const active = new Set(summary.activeWindows);
  return {
    assignedWindows: summary.assignedWindows.map((window) => windowModel(window, active.has(window))),
    activeWindows: summary.activeWindows.map((window) => windowModel(window, true)),
    canSync: summary.canSync,
    autoSyncAllowed: summary.state === 'Sync Allowed',
    state: summary.state,
    nextChangeAt: summary.nextChange?.at ?? null,
  };
}
