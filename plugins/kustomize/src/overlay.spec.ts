import { kustomizeOptions } from './kustomize-options';
import { overlayKustomization } from './overlay';

const base = {
  appPath: 'apps/web',
  appKustomization: { commonAnnotations: { owner: 'x' } },
  environment: { ARGOCD_APP_NAME: 'web' },
  patchFiles: { 'p.yaml': 'kind: Deployment\n' },
  existingComponents: new Set(['../comp']),
};

describe('overlayKustomization', () => {
  it('writes each option as the field kustomize edit would, over the app directory', () => {
    const options = kustomizeOptions({
      namePrefix: 'p-',
      images: ['nginx:$ARGOCD_APP_NAME'],
      replicas: [{ name: 'web', count: 2 }],
      commonLabels: { app: '$ARGOCD_APP_NAME' },
      commonAnnotations: { note: '$ARGOCD_APP_NAME' },
      namespace: 'ns',
      patches: [{ path: 'p.yaml', target: { kind: 'Deployment' } }],
      components: ['../comp', '../missing'],
      ignoreMissingComponents: true,
    });
    expect(overlayKustomization({ ...base, options })).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['../apps/web'],
      namePrefix: 'p-',
      images: [{ name: 'nginx', newTag: 'web' }],
      replicas: [{ name: 'web', count: 2 }],
      commonLabels: { app: 'web' },
      commonAnnotations: { note: '$ARGOCD_APP_NAME' },
      namespace: 'ns',
      patches: [{ patch: 'kind: Deployment\n', target: { kind: 'Deployment' } }],
      components: ['../apps/comp'],
    });
  });

  it('refuses an annotation the app already sets unless forced', () => {
    const options = kustomizeOptions({ commonAnnotations: { owner: 'y' } });
    expect(() => overlayKustomization({ ...base, options })).toThrow(
      'annotation "owner" is already in the kustomization file; set forceCommonAnnotations to override it',
    );
    const forced = kustomizeOptions({ commonAnnotations: { owner: 'y' }, forceCommonAnnotations: true });
    expect(overlayKustomization({ ...base, options: forced }).commonAnnotations).toEqual({ owner: 'y' });
  });
});

describe('kustomizeOptions', () => {
  it('checks field types', () => {
    expect(() => kustomizeOptions({ images: 'nginx' })).toThrow('kustomize.images must be a list of strings');
    expect(() => kustomizeOptions({ replicas: [{ name: 'x', count: 'two' }] })).toThrow(
      'kustomize.replicas[0].count must be an integer',
    );
    expect(() => kustomizeOptions({ patches: [{ target: { kind: 'X' } }] })).toThrow(
      'kustomize.patches[0] must be given a path or a patch',
    );
  });
});
