// Applications outside the control-plane namespace ("apps in any namespace").
// - The controller only reconciles Applications in its own namespace or in one matching
//   `application.namespaces` (argocd-cmd-params-cm); Argo CD ignores the others entirely, so the
//   caller should skip them rather than report a condition.
// - Such an Application may only use a project whose spec.sourceNamespaces matches its namespace
//   (Argo CD's IsAppNamespacePermitted); otherwise Argo CD reports an UnknownError condition.
import { type Application } from '@driftless/schema';
import { type CompiledProject } from './compile-project';
import { messages } from './messages';
import { compileNamespacePatterns } from './namespace-patterns';
import { type SpecCondition } from './spec-condition';

export function isAppNamespacePermitted(
  project: CompiledProject,
  appNamespace: string | undefined,
  controlPlaneNamespace: string,
): boolean {
  if (appNamespace === undefined || appNamespace === '' || appNamespace === controlPlaneNamespace) return true;
  return project.sourceNamespaces.matches(appNamespace);
}

/** Argo CD's condition for an Application whose namespace may not use its project. */
export function appNamespaceCondition(
  app: Application,
  project: CompiledProject,
  controlPlaneNamespace: string,
): SpecCondition | undefined {
  const namespace = app.metadata.namespace;
  if (isAppNamespacePermitted(project, namespace, controlPlaneNamespace)) return undefined;
  const message = messages.appNamespaceNotPermitted(app.metadata.name ?? '', namespace ?? '', project.name);
  return { type: 'UnknownError', message };
}

/** Builds the `application.namespaces` check once; call the result per Application. */
export function appNamespaceFilter(
  controlPlaneNamespace: string,
  applicationNamespaces: readonly string[],
): (appNamespace: string | undefined) => boolean {
  const patterns = compileNamespacePatterns(applicationNamespaces);
  return (appNamespace) =>
    appNamespace === undefined ||
    appNamespace === '' ||
    appNamespace === controlPlaneNamespace ||
    patterns.matches(appNamespace);
}
