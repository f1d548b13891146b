import { type Application } from '@driftless/schema';
import { findManagedResource, groupVersionPath, resourceDeletion } from './managed-resource';

const app = {
  metadata: { name: 'web' },
  spec: { project: 'default', destination: {} },
  status: {
    resources: [
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'web', name: 'front' },
      { group: '', version: 'v1', kind: 'Namespace', name: 'web' },
    ],
  },
} as unknown as Application;

describe('managed resources', () => {
  it.each([
    [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front', version: '' }, 'front'],
    [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front', version: 'v1' }, 'front'],
    [{ group: '', kind: 'Namespace', namespace: '', name: 'web', version: '' }, 'web'],
    [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front', version: 'v1beta1' }, undefined],
    [{ group: 'apps', kind: 'Deployment', namespace: 'kube-system', name: 'front', version: '' }, undefined],
    [{ group: '', kind: 'Secret', namespace: 'web', name: 'front', version: '' }, undefined],
    [{ group: 'extensions', kind: 'Deployment', namespace: 'web', name: 'front', version: '' }, undefined],
  ])('%j is found only in the managed tree (BI-RBAC-1)', (request, expected) => {
    expect(findManagedResource(app, request)?.name).toBe(expected);
  });

  it('knows where a kind lives', () => {
    expect(groupVersionPath('', 'v1')).toBe('/api/v1');
    expect(groupVersionPath('apps', 'v1')).toBe('/apis/apps/v1');
  });

  it("deletes as Argo CD's DeleteResource: foreground, orphan, or force without finalizers", () => {
    expect(resourceDeletion(false, false)).toEqual({ propagationPolicy: 'Foreground', removeFinalizers: false });
    expect(resourceDeletion(false, true)).toEqual({ propagationPolicy: 'Orphan', removeFinalizers: false });
    expect(resourceDeletion(true, false)).toEqual({
      propagationPolicy: 'Background',
      gracePeriodSeconds: 0,
      removeFinalizers: true,
    });
    expect(resourceDeletion(true, true)).toBe('force and orphan cannot be used together');
  });
});
