// Argo CD's build environment (reposerver newEnv): what `$VAR` in helm
// parameters and value-file paths can name.
import { type RenderApplication } from '@driftless/plugin-sdk';

export function buildEnvironment(app: RenderApplication, sourcePath: string): Record<string, string> {
  return {
    ARGOCD_APP_NAME: app.name,
    ARGOCD_APP_NAMESPACE: app.destinationNamespace,
    ARGOCD_APP_PROJECT_NAME: app.project,
    ARGOCD_APP_REVISION: app.revision,
    ARGOCD_APP_REVISION_SHORT: app.revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: app.revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: app.repoURL,
    ARGOCD_APP_SOURCE_PATH: sourcePath,
    ARGOCD_APP_SOURCE_TARGET_REVISION: app.targetRevision,
  };
}
