// Authorized reads and writes of AppProjects for the API (projects resource,
// object = project name). Authorization uses the stored project; a project
// the caller may not see answers exactly as a missing one (guarded-lookup.ts).
import { Injectable } from '@nestjs/common';
import { type AppProject } from '@driftless/schema';
import { forbidden } from '../../auth/graphql/auth-errors';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { guardedLookup } from '../../rbac';
import { failedPrecondition, notFound } from './project-errors';
import { newProject, ProjectInputProblem, type ProjectInputValue, updatedProject } from './project-spec';
import { ProjectStore } from './project-store.service';
import { canonicalJson } from '../../common/canonical-json';

/** Argo CD reserves it: applications fall back to it, so it cannot go. */
const DEFAULT_PROJECT = 'default';

@Injectable()
export class ProjectWrites {
  constructor(
    private readonly store: ProjectStore,
    private readonly rbac: RbacAuthorizer,
  ) {}

  /** The stored project when the caller may `action` it; else forbidden (or not found, to a caller who may see the name). */
  async authorized(principal: Principal, action: string, name: string): Promise<AppProject> {
    const can = await this.rbac.checker(principal);
    const result = await guardedLookup({
      requestedObject: name,
      fetch: () => this.store.get(name),
      objectOf: (project) => project.metadata.name ?? '',
      can: (object) => can(action, 'projects', object),
    });
    if (result.outcome === 'allowed') return result.value;
    if (result.outcome === 'not-found') throw notFound(`project ${name}`);
    throw forbidden();
  }

  /** Applies `decide` to the stored project (projects, update), retrying on concurrent changes. */
  async change(principal: Principal, name: string, decide: (project: AppProject) => AppProject): Promise<AppProject> {
    await this.authorized(principal, 'update', name);
    const changed = await this.store.change(name, decide);
    if (!changed) throw notFound(`project ${name}`);
    return changed;
  }

  /** createProject: projects, create; with upsert an existing different project is replaced (projects, update too). */
  async create(principal: Principal, input: ProjectInputValue, upsert: boolean): Promise<AppProject> {
    if (!(await this.rbac.can(principal, 'create', 'projects', input.name))) throw forbidden();
    const desired = newProject(input, this.store.namespace);
    const created = await this.store.create(desired);
    if (created) return created;
    const existing = await this.store.get(input.name);
    if (existing && sameSpec(existing, desired)) return existing;
    if (!upsert)
      throw new ProjectInputProblem(`project ${input.name} exists with a different spec — use upsert to replace it`);
    return this.change(principal, input.name, (stored) => updatedProject(stored, input));
  }

  async update(principal: Principal, input: ProjectInputValue): Promise<AppProject> {
    return this.change(principal, input.name, (stored) => updatedProject(stored, input));
  }

  /** deleteProject: projects, delete; refused for `default` and while applications use the project, as Argo CD. */
  async delete(principal: Principal, name: string): Promise<void> {
    await this.authorized(principal, 'delete', name);
    if (name === DEFAULT_PROJECT) throw new ProjectInputProblem(`project ${name} is reserved and cannot be deleted`);
    const users = await this.store.applicationsUsing(name);
    if (users.length > 0)
      throw failedPrecondition(
        `project ${name} is used by ${users.length} application${users.length === 1 ? '' : 's'} (${users.slice(0, 5).join(', ')}) — move or delete them first`,
      );
    if (!(await this.store.delete(name))) throw notFound(`project ${name}`);
  }
}

/** Key order aside, as Argo CD's reflect.DeepEqual of the specs (tokens are the server's, not compared). */
function sameSpec(existing: AppProject, desired: AppProject): boolean {
  const withoutTokens = (project: AppProject) =>
    canonicalJson({ ...project.spec, roles: project.spec.roles?.map(({ jwtTokens: _tokens, ...role }) => role) });
  return withoutTokens(existing) === withoutTokens(desired);
}
