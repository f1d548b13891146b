import { type ApiResourceType } from './api-discovery';
import { appFromTrackingId, toCachedObject, type TrackingSettings } from './cached-object';

const deployments: ApiResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  verbs: ['list', 'watch'],
};
const annotation: TrackingSettings = {
  method: 'annotation',
  labelKey: 'app.kubernetes.io/instance',
  keepManagedFields: false,
};

const live = (annotations: Record<string, string>, labels: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'prod',
    uid: 'u1',
    resourceVersion: '7',
    annotations,
    labels,
    managedFields: [{ manager: 'kubectl' }],
    ownerReferences: [{ uid: 'owner-1' }],
  },
  spec: { replicas: 2 },
  status: { readyReplicas: 1 },
});

describe('appFromTrackingId', () => {
  it('returns the app of an id that describes this very object', () => {
    expect(appFromTrackingId('guestbook:apps/Deployment:prod/web', 'apps', 'Deployment', 'prod', 'web')).toBe(
      'guestbook',
    );
    expect(appFromTrackingId('ns_app:/Namespace:prod/prod', '', 'Namespace', '', 'prod')).toBe('ns_app');
  });

  it('ignores the id of a copied object and malformed ids', () => {
    expect(
      appFromTrackingId('guestbook:apps/Deployment:prod/web', 'apps', 'Deployment', 'staging', 'web'),
    ).toBeUndefined();
    expect(
      appFromTrackingId('guestbook:apps/Deployment:prod/web', 'apps', 'Deployment', 'prod', 'web-copy'),
    ).toBeUndefined();
    expect(appFromTrackingId('guestbook', 'apps', 'Deployment', 'prod', 'web')).toBeUndefined();
  });
});

describe('toCachedObject', () => {
  it('keeps the full JSON (without managedFields) and a spec fingerprint of tracked objects only', () => {
    const tracked = toCachedObject(
      live({ 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:prod/web' }),
      deployments,
      annotation,
    );
    expect(tracked).toMatchObject({
      appInstance: 'guestbook',
      uid: 'u1',
      resourceVersion: '7',
      ownerUids: ['owner-1'],
    });
    expect(JSON.parse(tracked.json ?? '{}')).not.toHaveProperty('metadata.managedFields');
    const untracked = toCachedObject(live({}), deployments, annotation);
    expect(untracked.json).toBeUndefined();
    expect(untracked.specFingerprint).toBeUndefined();
  });

  it('keeps managedFields when a managedFieldsManagers rule needs them', () => {
    const object = toCachedObject(
      live({ 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:prod/web' }),
      deployments,
      {
        ...annotation,
        keepManagedFields: true,
      },
    );
    expect(JSON.parse(object.json ?? '{}')).toHaveProperty('metadata.managedFields');
  });

  it('tells a status-only change from a spec change by the fingerprint', () => {
    const marks = { 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:prod/web' };
    const before = toCachedObject(live(marks), deployments, annotation);
    const statusOnly = toCachedObject(
      { ...live(marks), metadata: { ...live(marks).metadata, resourceVersion: '8' }, status: { readyReplicas: 2 } },
      deployments,
      annotation,
    );
    const specChange = toCachedObject({ ...live(marks), spec: { replicas: 3 } }, deployments, annotation);
    expect(statusOnly.specFingerprint).toBe(before.specFingerprint);
    expect(specChange.specFingerprint).not.toBe(before.specFingerprint);
  });

  it('reads the instance label under label tracking, and only the annotation otherwise', () => {
    const labelled = live({}, { 'app.kubernetes.io/instance': 'guestbook' });
    expect(toCachedObject(labelled, deployments, { ...annotation, method: 'label' }).appInstance).toBe('guestbook');
    expect(toCachedObject(labelled, deployments, annotation).appInstance).toBeUndefined();
  });
});
