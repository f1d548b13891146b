import { aggregateApplicationHealth, type ManagedResourceHealth } from './aggregate';
import type { HealthStatusCode } from './health-status';

const live = (kind: string, annotations: Record<string, string> = {}, apiVersion = 'apps/v1', name = 'x') => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'argocd', annotations },
});

const resource = (status: HealthStatusCode | undefined, obj = live('Deployment')): ManagedResourceHealth =>
  status === undefined ? { live: obj } : { live: obj, health: { status } };

describe('aggregateApplicationHealth', () => {
  it('is the worst status in Argo CD order', () => {
    expect(aggregateApplicationHealth([resource('Healthy'), resource('Suspended')])).toBe('Suspended');
    expect(aggregateApplicationHealth([resource('Suspended'), resource('Progressing')])).toBe('Progressing');
    expect(aggregateApplicationHealth([resource('Progressing'), resource('Degraded')])).toBe('Degraded');
    expect(aggregateApplicationHealth([resource('Degraded'), resource('Unknown'), resource('Healthy')])).toBe(
      'Unknown',
    );
    expect(aggregateApplicationHealth([resource('Healthy'), resource(undefined)])).toBe('Healthy');
    expect(aggregateApplicationHealth([])).toBe('Healthy');
  });

  it('skips hooks, Skip resources and resources that ignore the health check', () => {
    const hook = live('Job', { 'argocd.argoproj.io/hook': 'PreSync' }, 'batch/v1');
    const helmHook = live('Job', { 'helm.sh/hook': 'post-install' }, 'batch/v1');
    const ignored = live('Deployment', { 'argocd.argoproj.io/ignore-healthcheck': 'true' });
    const skipped = live('ConfigMap', { 'argocd.argoproj.io/hook': 'Skip' }, 'v1');
    expect(
      aggregateApplicationHealth([
        resource('Healthy'),
        resource('Degraded', hook),
        resource('Degraded', helmHook),
        resource('Degraded', ignored),
        { target: skipped, live: skipped, health: { status: 'Degraded' } },
      ]),
    ).toBe('Healthy');
    const notIgnored = live('Deployment', { 'argocd.argoproj.io/ignore-healthcheck': 'false' });
    expect(aggregateApplicationHealth([resource('Degraded', notIgnored)])).toBe('Degraded');
  });

  it('does not let missing resources or a Missing/Unknown child app change app health', () => {
    const childApp = live('Application', {}, 'argoproj.io/v1alpha1', 'child');
    expect(aggregateApplicationHealth([resource('Healthy'), { target: live('Service', {}, 'v1') }])).toBe('Healthy');
    expect(aggregateApplicationHealth([resource('Healthy'), resource('Unknown', childApp)])).toBe('Healthy');
    expect(aggregateApplicationHealth([resource('Healthy'), resource('Degraded', childApp)])).toBe('Degraded');
  });

  it('is Missing when no resource exists yet', () => {
    expect(aggregateApplicationHealth([{ target: live('Service', {}, 'v1') }, { target: live('Deployment') }])).toBe(
      'Missing',
    );
  });

  it('ignores the application itself when it manages itself', () => {
    const self = live('Application', {}, 'argoproj.io/v1alpha1', 'root');
    expect(
      aggregateApplicationHealth([resource('Healthy'), resource('Degraded', self)], {
        application: { name: 'root', namespace: 'argocd' },
      }),
    ).toBe('Healthy');
  });
});
