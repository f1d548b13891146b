// RBAC objects and actions of the Application mutations, as Argo CD's API
// server forms them. Pure.
import { type Application } from '@driftless/schema';
import { isDns1123Label, isDns1123Subdomain } from '../../rbac/object-names';

/** `<project>/<name>` in the control-plane namespace, `<project>/<namespace>/<name>` elsewhere (Argo CD's RBACName). */
export function appRbacObject(
  project: string,
  namespace: string | undefined,
  name: string,
  controlNamespace: string,
): string {
  const qualified = namespace && namespace !== controlNamespace ? `${namespace}/${name}` : name;
  return `${project || 'default'}/${qualified}`;
}

export const storedAppRbacObject = (app: Application, controlNamespace: string): string =>
  appRbacObject(app.spec.project, app.metadata.namespace, app.metadata.name ?? '', controlNamespace);

/**
 * Why the names a request gives cannot name an Application, or undefined.
 * Checked before anything is read or matched, so a crafted name cannot ride on
 * a policy pattern (security.md BI-RBAC-7).
 */
export function appNameProblem(name: string, namespace: string | undefined): string | undefined {
  if (!isDns1123Subdomain(name)) return `application name ${JSON.stringify(name)} is not a DNS-1123 subdomain`;
  if (namespace !== undefined && !isDns1123Label(namespace))
    return `application namespace ${JSON.stringify(namespace)} is not a DNS-1123 label`;
  return undefined;
}

export interface ManagedResourceRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The actions that allow `verb` (update or delete) on one resource of an app,
 * in the order Argo CD 3 tries them: the fine-grained
 * `<verb>/<group>/<kind>/<namespace>/<name>` only (3.0's default), or first
 * the plain verb when argocd-cm `server.rbac.disableApplicationFineGrainedRBACInheritance`
 * is "false" (2.x behaviour: `update` on the app covers its resources).
 */
export function resourceActionCandidates(
  verb: 'update' | 'delete',
  resource: ManagedResourceRef,
  inheritanceDisabled: boolean,
): string[] {
  const fineGrained = `${verb}/${resource.group}/${resource.kind}/${resource.namespace}/${resource.name}`;
  return inheritanceDisabled ? [fineGrained] : [verb, fineGrained];
}

/** argocd-cm's switch; absent or anything but "false" keeps Argo CD 3's default (no inheritance). */
export function fineGrainedInheritanceDisabled(argocdCm: Readonly<Record<string, string>>): boolean {
  return argocdCm['server.rbac.disableApplicationFineGrainedRBACInheritance']?.trim().toLowerCase() !== 'false';
}

/** `action/<group>/<kind>/<action>`, Argo CD's RBAC action for running a resource action. */
export const resourceActionRbac = (group: string, kind: string, action: string): string =>
  `action/${group}/${kind}/${action}`;
