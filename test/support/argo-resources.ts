// Argo CD resources for tests, installed into an embedded cluster with the real CRDs.
import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { applyObjects, ensureNamespace } from '../../core/src/kube/ensure-resources';
import { cachedCrdManifests } from './crd-cache';

export async function installArgoCrds(kubeConfig: KubeConfig, namespace: string): Promise<void> {
  await applyObjects(kubeConfig, cachedCrdManifests());
  await ensureNamespace(kubeConfig, namespace);
}

export interface TestApplicationOptions {
  name: string;
  namespace: string;
  project?: string;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export async function createApplication(kubeConfig: KubeConfig, options: TestApplicationOptions): Promise<void> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const target = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespace: options.namespace };
  await api.createNamespacedCustomObject({
    ...target,
    body: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: options.name, namespace: options.namespace },
      spec: {
        project: options.project ?? 'default',
        source: {
          repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
          targetRevision: 'HEAD',
          path: 'guestbook',
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
        ...options.spec,
      },
    },
  });
  if (options.status) {
    await api.patchNamespacedCustomObjectStatus(
      { ...target, name: options.name, body: { status: options.status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}
