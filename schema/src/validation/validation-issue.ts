/** What the validator reports, and how one issue prints. */

/**
 * One problem found in a manifest.
 *
 * `path` is a JSON path without the leading `$`: property names joined with `.`, array indexes in
 * brackets, and names that are not plain identifiers quoted, e.g. `spec.source.helm.valueFiles[0]`
 * or `metadata.annotations["argocd.argoproj.io/hook"]`. The empty string means the whole document.
 */
export interface ValidationIssue {
  /** The file name given to validateManifestText. */
  file?: string;
  /** 1-based index of the YAML document within the file. */
  document?: number;
  /** 1-based line the issue points at. */
  line?: number;
  path: string;
  /** What is wrong and how to fix it, in plain English. */
  message: string;
  /**
   * `error`: Kubernetes would reject it, or Argo CD would reject it, fail on it or silently ignore it.
   * `warning`: accepted and effective, but probably not what was meant.
   */
  severity: 'error' | 'warning';
}

/** One line: `file:line: path: message`, leaving out the parts the issue does not have. */
export function formatIssue(issue: ValidationIssue): string {
  let location = issue.file ?? '';
  if (issue.line !== undefined) location = location === '' ? `line ${issue.line}` : `${location}:${issue.line}`;
  else if (issue.document !== undefined) location += `${location === '' ? '' : ':'}document ${issue.document}`;
  const parts = [location, issue.path, `${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`];
  return parts.filter((part) => part !== '').join(': ');
}
