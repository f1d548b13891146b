import { type KubeObject } from '@driftless/plugin-sdk';
import { appInstanceName, applyTracking, trackingId } from './tracking';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { a: 'b' } },
};
const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };

describe('tracking', () => {
  it('builds the tracking id Argo CD writes', () => {
    expect(trackingId(deployment, 'guestbook', 'default')).toBe('guestbook:apps/Deployment:default/web');
    expect(trackingId({ ...namespace, metadata: { name: 'x', namespace: 'other' } }, 'g', 'default')).toBe(
      'g:/Namespace:other/x',
    );
  });

  it('names apps outside the control-plane namespace <ns>_<name>', () => {
    expect(appInstanceName({ name: 'web', namespace: 'argocd' }, 'argocd')).toBe('web');
    expect(appInstanceName({ name: 'web', namespace: 'team-a' }, 'argocd')).toBe('team-a_web');
  });

  it('sets the annotation, the label or both, and the installation id, without changing the input', () => {
    const base = { labelKey: 'app.kubernetes.io/instance', appInstance: 'g', destinationNamespace: 'prod' };
    const [annotated] = applyTracking([deployment], { ...base, method: 'annotation', installationID: 'east' });
    expect(annotated?.metadata).toEqual({
      name: 'web',
      labels: { a: 'b' },
      annotations: {
        'argocd.argoproj.io/tracking-id': 'g:apps/Deployment:prod/web',
        'argocd.argoproj.io/installation-id': 'east',
      },
    });
    const [labelled] = applyTracking([deployment], { ...base, method: 'label' });
    expect(labelled?.metadata).toEqual({ name: 'web', labels: { a: 'b', 'app.kubernetes.io/instance': 'g' } });
    const [both] = applyTracking([deployment], { ...base, method: 'annotation+label' });
    expect(Object.keys(both?.metadata ?? {})).toEqual(['name', 'labels', 'annotations']);
    expect(deployment.metadata).toEqual({ name: 'web', labels: { a: 'b' } });
  });

  it('refuses a label value longer than 63 characters', () => {
    expect(() =>
      applyTracking([deployment], {
        method: 'label',
        labelKey: 'app.kubernetes.io/instance',
        appInstance: 'x'.repeat(64),
        destinationNamespace: '',
      }),
    ).toThrow(/longer than 63 characters .* use annotation tracking/);
  });
});
