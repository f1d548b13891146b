import { type Application } from '@driftless/schema';
import { type KubeHttp, KubeHttpError } from '../kube/kube-http';
import { REFRESH_ANNOTATION, type WebhookTarget } from './webhook-target';

/**
 * Asks the controller for a normal refresh the way Argo CD's API server does: the
 * `argocd.argoproj.io/refresh: normal` annotation, which the controller's watch sees and
 * removes when it has refreshed. An app that still carries the annotation (normal or hard)
 * has a refresh pending that has not started: patching again would change nothing.
 * Returns the patched Application, or undefined when no patch was needed or the app is gone.
 */
export async function requestRefresh(http: KubeHttp, target: WebhookTarget): Promise<Application | undefined> {
  if (target.pendingRefresh !== undefined) return undefined;
  const path = `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(target.namespace)}/applications/${encodeURIComponent(target.name)}`;
  try {
    return await http.sendJson<Application>(
      'PATCH',
      path,
      { metadata: { annotations: { [REFRESH_ANNOTATION]: 'normal' } } },
      'application/merge-patch+json',
    );
  } catch (error) {
    // Deleted since the event matched it: nothing to refresh.
    if (error instanceof KubeHttpError && error.status === 404) return undefined;
    throw error;
  }
}
