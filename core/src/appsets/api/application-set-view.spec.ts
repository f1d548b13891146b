import { type ApplicationSet } from '@driftless/schema';
import { applicationSetRbacObject, toApplicationSetModel } from './application-set-view';

const appSet = (extra: Record<string, unknown> = {}): ApplicationSet =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      goTemplate: true,
      generators: [{ list: { elements: [{ cluster: 'prod', token: 'do-not-show' }] } }, { matrix: { generators: [] } }],
      template: { metadata: { name: '{{.cluster}}' }, spec: { project: 'team-a' } },
      syncPolicy: { applicationsSync: 'create-only' },
      ...extra,
    },
    status: {
      conditions: [{ type: 'ResourcesUpToDate', status: 'True', message: 'All applications have been generated' }],
      resources: [{ name: 'prod', namespace: 'argocd', status: 'Synced', health: { status: 'Healthy' } }],
      somethingNewer: { secret: 'x' },
    },
  }) as unknown as ApplicationSet;

describe('ApplicationSet view', () => {
  it('shows the set by allow-list: generator kinds, never their parameters', () => {
    const model = toApplicationSetModel(appSet());
    expect(model).toEqual({
      name: 'guestbook',
      namespace: 'argocd',
      project: 'team-a',
      generators: ['list', 'matrix'],
      goTemplate: true,
      applicationsSync: 'create-only',
      preserveResourcesOnDeletion: false,
      strategy: null,
      conditions: [
        {
          type: 'ResourcesUpToDate',
          status: 'True',
          message: 'All applications have been generated',
          lastTransitionTime: null,
        },
      ],
      resources: [{ name: 'prod', namespace: 'argocd', syncStatus: 'Synced', healthStatus: 'Healthy' }],
      resourcesCount: 1,
    });
    expect(JSON.stringify(model)).not.toMatch(/do-not-show|somethingNewer/);
  });

  it("names it for RBAC as Argo CD does: the template's project, then the name", () => {
    expect(applicationSetRbacObject(appSet(), 'argocd')).toBe('team-a/guestbook');
    const elsewhere = { ...appSet(), metadata: { name: 'guestbook', namespace: 'team-ns' } } as ApplicationSet;
    expect(applicationSetRbacObject(elsewhere, 'argocd')).toBe('team-a/team-ns/guestbook');
  });
});
