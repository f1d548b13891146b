import { type Application } from '@driftless/schema';
import { manifestRequestsFor, trackingOf } from './application-requests';

const context = {
  destinationServer: 'https://kubernetes.default.svc',
  kubeVersion: '1.34.0',
  apiVersions: ['v1'],
  argocdCm: {},
};

function app(spec: Partial<Application['spec']>): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
      ...spec,
    },
  };
}

describe('manifestRequestsFor', () => {
  it('asks for the single source with the destination and annotation tracking by default', () => {
    const [request, ...rest] = manifestRequestsFor(
      app({
        source: {
          repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
          path: 'guestbook',
          targetRevision: 'HEAD',
        },
      }),
      context,
    );
    expect(rest).toEqual([]);
    expect(request).toEqual({
      app: { name: 'guestbook', namespace: 'argocd', project: 'default' },
      source: {
        repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
        path: 'guestbook',
        targetRevision: 'HEAD',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
      kubeVersion: '1.34.0',
      apiVersions: ['v1'],
      tracking: { method: 'annotation', labelKey: 'app.kubernetes.io/instance' },
    });
  });

  it('renders every multi-source source but a pure ref, and hands all refs to each', () => {
    const values = { repoURL: 'https://git.example.com/values.git', targetRevision: 'main', ref: 'values' };
    const chart = {
      repoURL: 'https://charts.example.com',
      chart: 'web',
      targetRevision: '1.*',
      helm: { valueFiles: ['$values/prod/values.yaml'] },
    };
    const requests = manifestRequestsFor(app({ sources: [chart, values], source: { repoURL: 'ignored' } }), context);
    expect(requests.map((request) => request.source)).toEqual([chart]);
    expect(requests[0]?.refSources).toEqual([values]);
  });

  it('reads tracking settings from argocd-cm and refuses an unknown method', () => {
    expect(
      trackingOf({
        'application.resourceTrackingMethod': 'label',
        'application.instanceLabelKey': 'team/app',
        installationID: 'east',
      }),
    ).toEqual({ method: 'label', labelKey: 'team/app', installationID: 'east' });
    expect(() => trackingOf({ 'application.resourceTrackingMethod': 'labels' })).toThrow(
      'argocd-cm application.resourceTrackingMethod "labels" is not one of annotation, label, annotation+label',
    );
    expect(() => manifestRequestsFor(app({}), context)).toThrow('application guestbook has neither source nor sources');
  });
});
