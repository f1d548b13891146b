/** The ObjectMeta syntax the API server enforces (k8s.io/apimachinery validation). */
import type { Path } from '../json-path';
import { asRecord, error, type Issues } from './rule-kit';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why `key` is not a valid label or annotation key (`[prefix/]name`), or undefined. */
function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `its prefix '${prefix}' must be a lowercase DNS subdomain such as example.com`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'its name part must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * metadata.name must be a DNS subdomain for custom resources (`strictName`); namespace, label keys
 * and values, and annotation keys have the same syntax for every kind.
 */
export function checkMetadata(resource: Record<string, unknown>, strictName: boolean): Issues {
  const metadata = asRecord(resource.metadata);
  if (metadata === undefined) return [];
  const issues: Issues = [];
  const { name, namespace } = metadata;
  if (strictName && typeof name === 'string' && (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))) {
    issues.push(
      error(
        ['metadata', 'name'],
        `'${name}' is not a valid name; use at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit`,
      ),
    );
  }
  if (typeof namespace === 'string' && (namespace.length > 63 || !DNS1123_LABEL.test(namespace))) {
    issues.push(
      error(
        ['metadata', 'namespace'],
        `'${namespace}' is not a valid namespace; use at most 63 lowercase letters, digits and "-"`,
      ),
    );
  }
  issues.push(...checkKeys(asRecord(metadata.labels), ['metadata', 'labels'], 'label'));
  issues.push(...checkKeys(asRecord(metadata.annotations), ['metadata', 'annotations'], 'annotation'));
  for (const [key, value] of Object.entries(asRecord(metadata.labels) ?? {})) {
    if (typeof value === 'string' && (value.length > 63 || !LABEL_VALUE.test(value))) {
      issues.push(
        error(
          ['metadata', 'labels', key],
          `label value '${value}' is invalid; use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
        ),
      );
    }
  }
  return issues;
}

function checkKeys(map: Record<string, unknown> | undefined, path: Path, what: string): Issues {
  return Object.keys(map ?? {}).flatMap((key) => {
    const problem = keyProblem(key);
    return problem === undefined ? [] : [error([...path, key], `'${key}' is not a valid ${what} key: ${problem}`)];
  });
}
