/** Validates one already-parsed object. */
import { formatPath } from './json-path';
import { checkResource } from './resource-checks';
import type { ValidationIssue } from './validation-issue';

/**
 * Checks an object against the CRD of its apiVersion/kind (for argoproj.io kinds) and against the
 * rules Argo CD applies beyond the schema; argocd.argoproj.io annotations are checked on any kind.
 * An empty result means the object is valid.
 */
export function validateResource(obj: unknown): ValidationIssue[] {
  return checkResource(obj).map(({ path, message, severity }) => ({ path: formatPath(path), message, severity }));
}
