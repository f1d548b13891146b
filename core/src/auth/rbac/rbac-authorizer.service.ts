import { Injectable, Logger } from '@nestjs/common';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ProjectReader } from '../../projects/project-reader.service';
import { type RbacEnforcer, type RbacProject, createRbacEnforcer, rbacConfigFromData } from '../../rbac';
import { type Principal } from '../principal';

/** How long a read of the AppProjects is reused for project roles. */
const PROJECTS_TTL_MS = 1_000;

/**
 * RBAC decisions for API requests: argocd-rbac-cm (re-read through the
 * settings cache, the enforcer rebuilt when it changes) and AppProject roles.
 * A policy Argo CD would refuse to load denies everything (fail closed).
 */
@Injectable()
export class RbacAuthorizer {
  private readonly logger = new Logger('rbac');
  private enforcer: { fingerprint: string; enforcer: Promise<RbacEnforcer | undefined> } | undefined;
  private projects: { at: number; byName: Promise<Map<string, RbacProject>> } | undefined;
  private projectsForChecks = new Map<string, RbacProject>();

  constructor(
    private readonly settings: SettingsConfigMaps,
    private readonly projectReader: ProjectReader,
  ) {}

  async can(principal: Principal, action: string, resource: string, object: string): Promise<boolean> {
    return (await this.checker(principal))(action, resource, object);
  }

  /** One check function for many objects of one request (one settings and projects read). */
  async checker(principal: Principal): Promise<(action: string, resource: string, object: string) => Promise<boolean>> {
    const check = await this.syncChecker(principal);
    return (action, resource, object) => Promise.resolve(check(action, resource, object));
  }

  /** `checker` without promises per decision: about a microsecond each, for filtering thousands of objects. */
  async syncChecker(principal: Principal): Promise<(action: string, resource: string, object: string) => boolean> {
    const [enforcer, projects] = await Promise.all([this.currentEnforcer(), this.currentProjects()]);
    // The enforcer looks projects up synchronously; every read is at most a second old, so the latest serves all.
    this.projectsForChecks = projects;
    return (action, resource, object) =>
      enforcer !== undefined && enforcer.canSync(principal.claims, action, resource, object);
  }

  /** Keeps the items the principal may `get`. */
  async filter<T>(
    principal: Principal,
    resource: string,
    items: readonly T[],
    objectOf: (item: T) => string,
  ): Promise<T[]> {
    const can = await this.syncChecker(principal);
    return items.filter((item) => can('get', resource, objectOf(item)));
  }

  private async currentEnforcer(): Promise<RbacEnforcer | undefined> {
    const data = await this.settings.data('argocd-rbac-cm');
    const fingerprint = JSON.stringify(data);
    if (this.enforcer?.fingerprint !== fingerprint) {
      const enforcer = createRbacEnforcer(rbacConfigFromData(data), {
        projects: (name) => this.projectsForChecks.get(name),
      }).catch((error: unknown) => {
        this.logger.error(`argocd-rbac-cm cannot be loaded, every request is denied: ${(error as Error).message}`);
        return undefined;
      });
      this.enforcer = { fingerprint, enforcer };
    }
    return this.enforcer.enforcer;
  }

  private currentProjects(): Promise<Map<string, RbacProject>> {
    if (this.projects && Date.now() - this.projects.at < PROJECTS_TTL_MS) return this.projects.byName;
    // Project roles only ever add rights, so when AppProjects cannot be read the answer is the stricter one.
    const byName = this.projectReader.list().then(
      (projects) => new Map(projects.map((project) => [project.metadata.name ?? '', project])),
      (error: unknown) => {
        this.logger.warn(`AppProjects unreadable, project roles ignored: ${(error as Error).message.split('\n')[0]}`);
        this.projects = undefined;
        return new Map<string, RbacProject>();
      },
    );
    this.projects = { at: Date.now(), byName };
    return byName;
  }
}
