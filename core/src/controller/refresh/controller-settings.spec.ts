import { controllerSettings, resyncTiming, usesManagedFieldsManagers } from './controller-settings';
import { ResyncSchedule } from './resync-schedule';

describe('resyncTiming', () => {
  it("reads Argo CD's durations with their defaults", () => {
    expect(resyncTiming({})).toEqual({ periodMs: 180_000, jitterMs: 60_000 });
    expect(resyncTiming({ 'timeout.reconciliation': '5m', 'timeout.reconciliation.jitter': '0' })).toEqual({
      periodMs: 300_000,
      jitterMs: 0,
    });
    expect(resyncTiming({ 'timeout.reconciliation': '90' }).periodMs).toBe(90_000);
    expect(resyncTiming({ 'timeout.reconciliation': 'soon' }).periodMs).toBe(180_000);
  });
});

describe('ResyncSchedule', () => {
  it('hands out due apps once, and never with a zero period', () => {
    const schedule = new ResyncSchedule();
    schedule.refreshed('a', 0, { periodMs: 100, jitterMs: 0 });
    schedule.refreshed('b', 0, { periodMs: 0, jitterMs: 0 });
    expect(schedule.due(50)).toEqual([]);
    expect(schedule.due(100)).toEqual(['a']);
    expect(schedule.due(1000)).toEqual([]);
  });
});

describe('controllerSettings', () => {
  it('keeps managedFields only when a managedFieldsManagers rule exists, and passes resource customizations on', () => {
    const app = (rules: object[]) => ({ spec: { ignoreDifferences: rules } }) as never;
    expect(usesManagedFieldsManagers(app([{ kind: 'X', jsonPointers: ['/a'] }]))).toBe(false);
    expect(usesManagedFieldsManagers(app([{ kind: 'X', managedFieldsManagers: ['hpa'] }]))).toBe(true);
    expect(controllerSettings({}, false).tracking.keepManagedFields).toBe(false);
    expect(controllerSettings({}, true).tracking.keepManagedFields).toBe(true);
    const cm = { 'resource.customizations.ignoreDifferences.all': 'managedFieldsManagers: [kube-controller-manager]' };
    expect(controllerSettings(cm, false).tracking.keepManagedFields).toBe(true);
    const settings = controllerSettings(
      { 'resource.customizations.health.apps_Deployment': 'return {}', 'application.resourceTrackingMethod': 'label' },
      false,
    );
    expect(settings.resourceOverrides).toEqual({ 'resource.customizations.health.apps_Deployment': 'return {}' });
    expect(settings.tracking.method).toBe('label');
  });
});
