// Who may do what to a stored Application, decided on every call from the
// stored object (its real project and namespace), never from the request's
// claims: names checked as DNS-1123 first, the object read whatever RBAC
// says, and a refusal answered exactly like a missing application
// (security.md BI-RBAC-3/4/5/7; Argo CD's getAppEnforceRBAC).
import { Inject, Injectable } from '@nestjs/common';
import { type Application, type AppProject } from '@driftless/schema';
import { badInput, forbidden, principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext, type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { appNamespaceFilter } from '../../projects/enforcement';
import { compileNamespacePatterns } from '../../projects/enforcement/namespace-patterns';
import { ProjectReader } from '../../projects/project-reader.service';
import { guardedLookup } from '../../rbac';
import { appNameProblem, appRbacObject, storedAppRbacObject } from './application-rbac';
import { ApplicationStore } from './application-store.service';

export type RbacCheck = (action: string, resource: string, object: string) => Promise<boolean>;

export interface AppTarget {
  name: string;
  /** The Application's namespace; undefined: the control-plane namespace. */
  namespace?: string | undefined;
}

export interface AuthorizedApp {
  app: Application;
  principal: Principal;
  can: RbacCheck;
  namespace: string;
}

@Injectable()
export class ApplicationAccess {
  constructor(
    private readonly store: ApplicationStore,
    private readonly rbac: RbacAuthorizer,
    private readonly settings: SettingsConfigMaps,
    private readonly projects: ProjectReader,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  get controlNamespace(): string {
    return this.config.namespace;
  }

  /** The caller and one check function for this request (one settings and projects read). */
  async caller(context: AuthContext): Promise<{ principal: Principal; can: RbacCheck }> {
    const principal = principalOf(context);
    return { principal, can: await this.rbac.checker(principal) };
  }

  /** The namespace a request names, checked: a bad name is bad input, a namespace Driftless does not serve is "permission denied". */
  async namespaceOf(target: AppTarget): Promise<string> {
    const problem = appNameProblem(target.name, target.namespace);
    if (problem !== undefined) throw badInput(problem);
    const namespace = target.namespace ?? this.config.namespace;
    if (!(await this.namespaceServed(namespace))) throw forbidden();
    return namespace;
  }

  /**
   * Reads the Application and authorizes `action` on it (any of them, when a
   * list: Argo CD tries a plain and a fine-grained action in turn); throws
   * "permission denied" when missing or refused.
   */
  async authorize(context: AuthContext, action: string | readonly string[], target: AppTarget): Promise<AuthorizedApp> {
    const { principal, can } = await this.caller(context);
    const namespace = await this.namespaceOf(target);
    const actions = typeof action === 'string' ? [action] : action;
    const result = await guardedLookup({
      fetch: () => this.store.get(namespace, target.name),
      objectOf: (app) => storedAppRbacObject(app, this.config.namespace),
      can: async (object) => {
        for (const candidate of actions) if (await can(candidate, 'applications', object)) return true;
        return false;
      },
    });
    if (result.outcome !== 'allowed') throw forbidden();
    if (!(await this.projectAdmitsNamespace(result.value.spec.project, namespace))) throw forbidden();
    return { app: result.value, principal, can, namespace };
  }

  /** Whether `action` is allowed on an Application of `project` with this name (a new or moved one). */
  async allowedFor(can: RbacCheck, action: string, project: string, namespace: string, name: string): Promise<boolean> {
    return can(action, 'applications', appRbacObject(project, namespace, name, this.config.namespace));
  }

  /**
   * An Application outside the control-plane namespace may use only a project
   * whose sourceNamespaces name its namespace; re-read on every call, so an app
   * moved to another project out of band is judged by that project (BI-RBAC-4).
   */
  async projectAdmitsNamespace(projectName: string, namespace: string): Promise<boolean> {
    if (namespace === this.config.namespace) return true;
    const project: AppProject | undefined = (await this.projects.list()).find(
      (candidate) => candidate.metadata.name === (projectName || 'default'),
    );
    return project !== undefined && compileNamespacePatterns(project.spec.sourceNamespaces ?? []).matches(namespace);
  }

  private async namespaceServed(namespace: string): Promise<boolean> {
    if (namespace === this.config.namespace) return true;
    const params = await this.settings.data('argocd-cmd-params-cm');
    const patterns = (params['application.namespaces'] ?? '')
      .split(',')
      .map((pattern) => pattern.trim())
      .filter(Boolean);
    return patterns.length > 0 && appNamespaceFilter(this.config.namespace, patterns)(namespace);
  }
}
