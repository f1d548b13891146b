// The AppProject a mutation writes, from what a client sent and what is
// stored. Pure. Clients never set role tokens (`spec.roles[].jwtTokens`, and
// `status`): those are recorded by createProjectToken only, and an update keeps
// the stored ones for each role that stays. The result is checked against the
// AppProject CRD schema and role policies as Argo CD checks them before saving.
import {
  type AppProject,
  type AppProjectSpec,
  type JWTToken,
  type ProjectRole,
  type SyncWindow,
  formatIssue,
  validateResource,
} from '@driftless/schema';
import { projectPolicy } from '../../rbac';

/** A request the API refuses as BAD_USER_INPUT, with one readable line. */
export class ProjectInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectInputProblem';
  }
}

export interface ProjectRoleValue {
  name: string;
  description?: string | null | undefined;
  policies?: string[] | null | undefined;
  groups?: string[] | null | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Refuses what only the server sets; returns the spec typed. */
function clientSpec(spec: Record<string, unknown>): AppProjectSpec {
  const roles = spec.roles;
  if (roles !== undefined && !Array.isArray(roles)) throw new ProjectInputProblem('spec.roles must be a list');
  (roles ?? []).forEach((role: unknown, index: number) => {
    if (isObject(role) && role.jwtTokens !== undefined)
      throw new ProjectInputProblem(
        `spec.roles[${index}].jwtTokens is set by the server: create tokens with createProjectToken`,
      );
  });
  return spec;
}

/** Schema and role-policy errors as one line; the project is returned when it has none. */
export function checkedProject(project: AppProject): AppProject {
  const errors = validateResource(project).filter((issue) => issue.severity === 'error');
  if (errors.length > 0)
    throw new ProjectInputProblem(
      `invalid project: ${errors
        .slice(0, 3)
        .map((issue) => formatIssue(issue))
        .join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`,
    );
  const [issue] = projectPolicy(project).issues;
  if (issue) throw new ProjectInputProblem(`invalid project: ${issue.message}`);
  const names = (project.spec.roles ?? []).map((role) => role.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new ProjectInputProblem(`invalid project: role ${duplicate} is defined twice`);
  return project;
}

export interface ProjectInputValue {
  name: string;
  labels?: Record<string, string> | undefined;
  annotations?: Record<string, string> | undefined;
  spec: Record<string, unknown>;
}

/** A new AppProject in `namespace`. */
export function newProject(input: ProjectInputValue, namespace: string): AppProject {
  return checkedProject({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: input.name,
      namespace,
      ...(input.labels ? { labels: input.labels } : {}),
      ...(input.annotations ? { annotations: input.annotations } : {}),
    },
    spec: clientSpec(input.spec),
  });
}

/** The stored project with the client's spec (and labels/annotations when given); tokens of kept roles stay. */
export function updatedProject(stored: AppProject, input: ProjectInputValue): AppProject {
  const spec = clientSpec(input.spec);
  const tokensOf = new Map((stored.spec.roles ?? []).map((role) => [role.name, role.jwtTokens]));
  const roles = spec.roles?.map((role) => {
    const tokens = tokensOf.get(role.name);
    return tokens?.length ? { ...role, jwtTokens: tokens } : role;
  });
  return checkedProject({
    ...stored,
    metadata: {
      ...stored.metadata,
      ...(input.labels ? { labels: input.labels } : {}),
      ...(input.annotations ? { annotations: input.annotations } : {}),
    },
    spec: { ...spec, ...(roles ? { roles } : {}) },
  });
}

function findRole(project: AppProject, name: string): ProjectRole {
  const role = project.spec.roles?.find((candidate) => candidate.name === name);
  if (!role) throw new ProjectInputProblem(`project ${project.metadata.name ?? ''} has no role ${name}`);
  return role;
}

/** Adds a role (`create`) or replaces its description, policies and groups (`update`), keeping its tokens. */
export function withRole(project: AppProject, value: ProjectRoleValue, mode: 'create' | 'update'): AppProject {
  const roles = project.spec.roles ?? [];
  const existing = roles.find((role) => role.name === value.name);
  if (mode === 'create' && existing)
    throw new ProjectInputProblem(`project ${project.metadata.name ?? ''} already has a role ${value.name}`);
  if (mode === 'update') findRole(project, value.name);
  const role: ProjectRole = {
    name: value.name,
    ...(value.description ? { description: value.description } : {}),
    ...(value.policies?.length ? { policies: value.policies } : {}),
    ...(value.groups?.length ? { groups: value.groups } : {}),
    ...(existing?.jwtTokens?.length ? { jwtTokens: existing.jwtTokens } : {}),
  };
  const next = existing ? roles.map((candidate) => (candidate === existing ? role : candidate)) : [...roles, role];
  return checkedProject({ ...project, spec: { ...project.spec, roles: next } });
}

/** Removes a role, its tokens with it (they stop working). */
export function withoutRole(project: AppProject, name: string): AppProject {
  findRole(project, name);
  const roles = (project.spec.roles ?? []).filter((role) => role.name !== name);
  const { jwtTokensByRole, ...status } = project.status ?? {};
  if (jwtTokensByRole) delete jwtTokensByRole[name];
  return {
    ...project,
    spec: { ...project.spec, roles },
    ...(project.status ? { status: { ...status, ...(jwtTokensByRole ? { jwtTokensByRole } : {}) } } : {}),
  };
}

function checkWindowIndex(project: AppProject, id: number): void {
  const count = project.spec.syncWindows?.length ?? 0;
  if (!Number.isInteger(id) || id < 0 || id >= count)
    throw new ProjectInputProblem(
      `project ${project.metadata.name ?? ''} has no sync window ${id} (ids are 0 to ${count - 1}, see proj windows list)`,
    );
}

export function withSyncWindow(project: AppProject, window: SyncWindow, id?: number): AppProject {
  const windows = [...(project.spec.syncWindows ?? [])];
  if (id === undefined) windows.push(window);
  else {
    checkWindowIndex(project, id);
    windows[id] = window;
  }
  return checkedProject({ ...project, spec: { ...project.spec, syncWindows: windows } });
}

export function withoutSyncWindow(project: AppProject, id: number): AppProject {
  checkWindowIndex(project, id);
  const windows = (project.spec.syncWindows ?? []).filter((_, index) => index !== id);
  return { ...project, spec: { ...project.spec, syncWindows: windows } };
}

/** Records a new token in its role; refuses a second token with the same id. */
export function withToken(project: AppProject, roleName: string, record: JWTToken): AppProject {
  const role = findRole(project, roleName);
  const tokens = role.jwtTokens ?? [];
  if (record.id !== undefined && tokens.some((token) => token.id === record.id))
    throw new ProjectInputProblem(`role ${roleName} already has a token with id ${record.id}`);
  const roles = (project.spec.roles ?? []).map((candidate) =>
    candidate === role ? { ...role, jwtTokens: [...tokens, record] } : candidate,
  );
  return { ...project, spec: { ...project.spec, roles } };
}

/** Drops a token record (by id, else by iat) from the role and from status; the token stops working. */
export function withoutToken(project: AppProject, roleName: string, token: { id?: string; iat?: number }): AppProject {
  const role = findRole(project, roleName);
  const matches = (entry: JWTToken): boolean =>
    token.id !== undefined ? entry.id === token.id : token.iat !== undefined && entry.iat === token.iat;
  const tokens = role.jwtTokens ?? [];
  if (!tokens.some(matches))
    throw new ProjectInputProblem(
      `role ${roleName} has no token ${token.id !== undefined ? `with id ${token.id}` : `issued at ${token.iat}`}`,
    );
  const roles = (project.spec.roles ?? []).map((candidate) =>
    candidate === role ? { ...role, jwtTokens: tokens.filter((entry) => !matches(entry)) } : candidate,
  );
  const byRole = project.status?.jwtTokensByRole;
  const status = byRole?.[roleName]
    ? {
        ...project.status,
        jwtTokensByRole: {
          ...byRole,
          [roleName]: { items: (byRole[roleName]?.items ?? []).filter((e) => !matches(e)) },
        },
      }
    : project.status;
  return { ...project, spec: { ...project.spec, roles }, ...(status ? { status } : {}) };
}
