// Argo CD's build environment (reposerver newEnv): the ARGOCD_APP_* variables
// a renderer's tools see and that `$VAR` in Application options can name.
// Config management plugins add KUBE_VERSION and KUBE_API_VERSIONS on top.
import { type RenderApplication } from '@driftless/plugin-sdk';

export type BuildEnvironment = Record<string, string>;

/** The ARGOCD_APP_* variables for rendering `app` at `sourcePath`; a missing field becomes ''. */
export function buildEnvironment(app: RenderApplication, sourcePath: string): BuildEnvironment {
  const revision = app.revision ?? '';
  return {
    ARGOCD_APP_NAME: app.name ?? '',
    ARGOCD_APP_NAMESPACE: app.destinationNamespace ?? '',
    ARGOCD_APP_PROJECT_NAME: app.project ?? '',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: app.repoURL ?? '',
    ARGOCD_APP_SOURCE_PATH: sourcePath,
    ARGOCD_APP_SOURCE_TARGET_REVISION: app.targetRevision ?? '',
  };
}
