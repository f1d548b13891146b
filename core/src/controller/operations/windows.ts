// The project's sync windows asked about one app's sync (Argo CD's CanSync):
// an automated sync and a manual one may get different answers (manualSync),
// and an operation already under way may overrun (syncOverrun).
import { type AppProject, type Application } from '@driftless/schema';
import { canSync, type SyncWindowDecision } from '../../projects/sync-windows';

export function windowsVerdict(
  app: Application,
  project: AppProject | undefined,
  request: { manual: boolean; now: Date; startedAt?: string },
): SyncWindowDecision {
  const destination = app.spec.destination;
  return canSync(
    project?.spec?.syncWindows ?? [],
    {
      application: app.metadata.name ?? '',
      namespace: destination.namespace ?? '',
      server: destination.server ?? '',
      ...(destination.name ? { clusterName: destination.name } : {}),
    },
    {
      manual: request.manual,
      now: request.now,
      ...(request.startedAt ? { operationStartedAt: new Date(request.startedAt) } : {}),
    },
  );
}
