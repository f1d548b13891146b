// Argo CD's `GET /api/v1/applications` query parameters as the list filter:
// `projects` (repeatable, also `project`), `selector` (label selector),
// `name` (exact), `repo`, `appNamespace`.
import { type ApplicationFilter, type ApplicationRow } from '../query/application-filter';

export type QueryValue = string | string[] | undefined;

export interface RestListQuery {
  filter: ApplicationFilter;
  /** Row checks the list filter has no field for. */
  matches: (row: ApplicationRow, namespace: string) => boolean;
}

function values(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

export function restListQuery(query: Readonly<Record<string, unknown>>): RestListQuery {
  const projects = [...values(query.projects), ...values(query.project)];
  const repos = values(query.repo);
  const [selector] = values(query.selector);
  const [name] = values(query.name);
  const [appNamespace] = values(query.appNamespace);
  return {
    filter: {
      projects: projects.length > 0 ? projects : undefined,
      repos: repos.length > 0 ? repos : undefined,
      labelSelector: selector,
    },
    matches: (row, namespace) =>
      (name === undefined || row.name === name) && (appNamespace === undefined || namespace === appNamespace),
  };
}
