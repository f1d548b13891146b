// The argocd-cm keys a refresh depends on, read into one snapshot. Pure.
import { parseDuration } from '@driftless/diff';
import { type Application } from '@driftless/schema';
import { trackingOf } from '../../repo/manifests/application-requests';
import { type ControllerSettings } from './refresh-ports';

export interface ResyncTiming {
  /** ms between periodic refreshes of an app; 0 = never. */
  periodMs: number;
  /** ms of random delay added to each, so apps do not all refresh in the same second. */
  jitterMs: number;
}

function durationMs(text: string | undefined, fallbackMs: number): number {
  if (text === undefined || text.trim() === '') return fallbackMs;
  const nanoseconds = parseDuration(text.trim()) ?? parseDuration(`${text.trim()}s`);
  return nanoseconds === undefined || nanoseconds < 0 ? fallbackMs : nanoseconds / 1e6;
}

/** timeout.reconciliation (default 180s) and timeout.reconciliation.jitter (default 60s), as Argo CD. */
export function resyncTiming(argocdCm: Record<string, string>): ResyncTiming {
  return {
    periodMs: durationMs(argocdCm['timeout.reconciliation'], 180_000),
    jitterMs: durationMs(argocdCm['timeout.reconciliation.jitter'], 60_000),
  };
}

/** Whether an app's ignoreDifferences name field managers (then live objects must keep managedFields). */
export function usesManagedFieldsManagers(app: Application): boolean {
  return app.spec.ignoreDifferences?.some((rule) => (rule.managedFieldsManagers?.length ?? 0) > 0) ?? false;
}

function cmUsesManagedFieldsManagers(argocdCm: Record<string, string>): boolean {
  return Object.entries(argocdCm).some(
    ([key, value]) => key.startsWith('resource.customizations') && value.includes('managedFieldsManagers'),
  );
}

/**
 * `appsUseManagedFieldsManagers`: some app's ignoreDifferences names field
 * managers (the controller keeps that count as apps change, so a refresh
 * never scans every app).
 */
export function controllerSettings(
  argocdCm: Record<string, string>,
  appsUseManagedFieldsManagers: boolean,
): ControllerSettings {
  const tracking = trackingOf(argocdCm);
  const resourceOverrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(argocdCm))
    if (key.startsWith('resource.customizations')) resourceOverrides[key] = value;
  return {
    argocdCm,
    tracking: {
      method: tracking.method,
      labelKey: tracking.labelKey,
      keepManagedFields: appsUseManagedFieldsManagers || cmUsesManagedFieldsManagers(argocdCm),
    },
    resourceOverrides,
  };
}
