import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { ApplicationIndex } from '../index/application-index.service';
import { ApplicationAccess } from '../mutations/application-access.service';
import { storedAppRbacObject } from '../mutations/application-rbac';
import { ApplicationStore } from '../mutations/application-store.service';

/**
 * What the single-application subscriptions re-check at every emit: the app's
 * latest state (the index, or the API when the index does not have it yet)
 * and whether the principal may still `get` it under the current policy, by
 * the same rules as the queries (ApplicationAccess). Undefined: gone or
 * forbidden, which the client cannot tell apart.
 */
/** How long "this project admits apps from this namespace" is reused: as long as RbacAuthorizer reuses AppProjects. */
const ADMITS_TTL_MS = 1_000;

@Injectable()
export class ApplicationVisibility {
  /** A burst of events about an app outside the control-plane namespace reads its AppProject once, not per event. */
  private readonly admits = new Map<string, { at: number; admitted: Promise<boolean> }>();

  constructor(
    private readonly index: ApplicationIndex,
    private readonly store: ApplicationStore,
    private readonly access: ApplicationAccess,
    private readonly rbac: RbacAuthorizer,
  ) {}

  async latest(principal: Principal, namespace: string, name: string): Promise<Application | undefined> {
    const indexed = await this.index.get(namespace, name);
    const app = indexed?.application ?? (await this.store.get(namespace, name));
    return app !== undefined && (await this.visible(principal, app, namespace)) ? app : undefined;
  }

  async visible(principal: Principal, app: Application, namespace: string): Promise<boolean> {
    const can = await this.rbac.syncChecker(principal);
    if (!can('get', 'applications', storedAppRbacObject(app, this.access.controlNamespace))) return false;
    if (namespace === this.access.controlNamespace) return true;
    const key = `${app.spec.project}\u0000${namespace}`;
    const cached = this.admits.get(key);
    if (cached && Date.now() - cached.at < ADMITS_TTL_MS) return cached.admitted;
    if (this.admits.size >= 1_000) this.admits.clear();
    const admitted = this.access.projectAdmitsNamespace(app.spec.project, namespace);
    this.admits.set(key, { at: Date.now(), admitted });
    admitted.catch(() => this.admits.delete(key));
    return admitted;
  }
}
