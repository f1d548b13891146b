import { Inject, Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { ApplicationIndex, type IndexedApplication } from './application-index.service';

/** How long RBAC decisions are reused: argocd-rbac-cm and AppProject role changes apply within it. */
const DECISIONS_TTL_MS = 1_000;
const MAX_PRINCIPALS = 1_000;

/** Argo CD's RBAC name of an Application: `<project>/<name>`, with its namespace between when outside the control plane's. */
export function applicationRbacName(application: Application, controlNamespace: string): string {
  const namespace = application.metadata.namespace ?? controlNamespace;
  const project = application.spec.project || 'default';
  const name = application.metadata.name ?? '';
  return namespace === controlNamespace ? `${project}/${name}` : `${project}/${namespace}/${name}`;
}

interface PrincipalView {
  /** The index's change count the list was built at. */
  version: number;
  list: IndexedApplication[];
  /** When the decisions were made, and each app's RBAC name and answer. */
  decidedAt: number;
  decisions: Map<string, { rbacName: string; visible: boolean }>;
}

/**
 * The indexed Applications a principal may `get`, in order. Paging through
 * 10,000 apps asks RBAC about every one on every request otherwise; here the
 * list is reused while nothing changed, and when apps changed only those whose
 * project or name moved are asked again — within a second, after which every
 * decision is made afresh, so a policy change applies at once after that.
 */
@Injectable()
export class VisibleApplications {
  private readonly views = new Map<string, PrincipalView>();
  private readonly building = new Map<string, Promise<readonly IndexedApplication[]>>();

  constructor(
    private readonly index: ApplicationIndex,
    private readonly rbac: RbacAuthorizer,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  async forPrincipal(principal: Principal): Promise<readonly IndexedApplication[]> {
    const key = JSON.stringify(principal.claims);
    const view = this.views.get(key);
    const all = await this.index.list();
    if (view && Date.now() - view.decidedAt < DECISIONS_TTL_MS && view.version === this.index.changeCount)
      return view.list;
    // One rebuild per principal at a time: fifty requests arriving together wait for the same one.
    let building = this.building.get(key);
    if (!building) {
      building = this.rebuild(principal, key, all).finally(() => this.building.delete(key));
      this.building.set(key, building);
    }
    return building;
  }

  private async rebuild(
    principal: Principal,
    key: string,
    all: readonly IndexedApplication[],
  ): Promise<readonly IndexedApplication[]> {
    const now = Date.now();
    const view = this.views.get(key);
    const fresh = view !== undefined && now - view.decidedAt < DECISIONS_TTL_MS;
    const decisions = fresh ? view.decisions : new Map<string, { rbacName: string; visible: boolean }>();
    const can = await this.rbac.syncChecker(principal);
    const list: IndexedApplication[] = [];
    for (const entry of all) {
      const rbacName = applicationRbacName(entry.application, this.config.namespace);
      let decision = decisions.get(entry.row.key);
      if (decision?.rbacName !== rbacName) {
        decision = { rbacName, visible: can('get', 'applications', rbacName) };
        decisions.set(entry.row.key, decision);
      }
      if (decision.visible) list.push(entry);
    }
    if (!view && this.views.size >= MAX_PRINCIPALS) this.views.clear();
    this.views.set(key, { version: this.index.changeCount, list, decidedAt: fresh ? view.decidedAt : now, decisions });
    return list;
  }
}
