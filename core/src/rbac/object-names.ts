// Request objects are checked before matching so a crafted name cannot ride
// on a pattern: `team-a/*` must not grant `team-a/../team-b/x` or a name with
// Unicode look-alikes. Objects of app-like resources are `<project>/<name>` or
// `<project>/<namespace>/<name>`, each part a Kubernetes name; a project is a
// Kubernetes name too. Other resources (cluster URLs, repository URLs, key IDs)
// are matched as given.
import { APP_LIKE_RESOURCES } from './resources';

// DNS-1123 subdomain (names of Applications, ApplicationSets, AppProjects) and label (namespaces).
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && SUBDOMAIN.test(value);
}

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/** Why the request object is not a well-formed name for the resource, or `undefined` when it is. */
export function requestObjectProblem(resource: string, object: string): string | undefined {
  if (resource === 'projects')
    return isDns1123Subdomain(object) ? undefined : `project name ${JSON.stringify(object)} is not a DNS-1123 name`;
  if (!APP_LIKE_RESOURCES.has(resource)) return undefined;
  const parts = object.split('/');
  const [project, first, second] = parts;
  const wellFormed =
    project !== undefined &&
    first !== undefined &&
    parts.length <= 3 &&
    isDns1123Subdomain(project) &&
    (second === undefined ? isDns1123Subdomain(first) : isDns1123Label(first) && isDns1123Subdomain(second));
  return wellFormed
    ? undefined
    : `${resource} object ${JSON.stringify(object)} is not <project>/<name> or <project>/<namespace>/<name> with DNS-1123 names`;
}
