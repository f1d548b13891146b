// The project API as the proj commands use it: one project in full, and the
// mutations, each returning the project as the server now stores it.
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';

export interface ProjectTokenView {
  id: string | null;
  issuedAt: number;
  expiresAt: number | null;
}

export interface ProjectRoleView {
  name: string;
  description: string | null;
  policies: string[];
  groups: string[];
  tokens: ProjectTokenView[];
}

export interface SyncWindowView {
  id: number;
  kind: string;
  schedule: string;
  duration: string;
  applications: string[];
  namespaces: string[];
  clusters: string[];
  manualSync: boolean;
  timeZone: string;
  andOperator: boolean;
  description: string | null;
}

export interface ProjectView {
  name: string;
  description: string | null;
  spec: Record<string, unknown>;
  roles: ProjectRoleView[];
  syncWindows: SyncWindowView[];
}

export const PROJECT_FIELDS = `name description spec
  roles { name description policies groups tokens { id issuedAt expiresAt } }
  syncWindows { id kind schedule duration applications namespaces clusters manualSync timeZone andOperator description }`;

export async function fetchProject(options: ServerOptions, name: string): Promise<ProjectView> {
  const { project } = await graphqlRequest<{ project: ProjectView }>(
    options,
    `query ($name: String!) { project(name: $name) { ${PROJECT_FIELDS} } }`,
    { name },
  );
  return project;
}

/** Runs a mutation whose answer is the project (`field` names it) and returns it. */
export async function projectMutation(
  options: ServerOptions,
  field: string,
  parameters: string,
  call: string,
  variables: Record<string, unknown>,
): Promise<ProjectView> {
  const data = await graphqlRequest<Record<string, ProjectView>>(
    options,
    `mutation (${parameters}) { ${field}(${call}) { ${PROJECT_FIELDS} } }`,
    variables,
  );
  return data[field] as ProjectView;
}
