// Argo CD's project flags (`proj create|set`, `proj role add-policy`) as
// changes to an AppProject spec and as policy lines. Pure.
import { InvalidArgumentError } from 'commander';

export interface ProjectFlags {
  description?: string;
  dest?: string[];
  src?: string[];
  sourceNamespaces?: string[];
  allowClusterResource?: string[];
  denyNamespacedResource?: string[];
}

/** `--dest SERVER,NAMESPACE`: an http(s) URL is a server, anything else a cluster name (as Argo CD). */
export function destination(value: string): { server?: string; name?: string; namespace: string } {
  const comma = value.indexOf(',');
  if (comma <= 0)
    throw new InvalidArgumentError(
      `expected SERVER,NAMESPACE (e.g. https://kubernetes.default.svc,default), got "${value}"`,
    );
  const target = value.slice(0, comma);
  const namespace = value.slice(comma + 1);
  return /^https?:\/\//.test(target) || target === '*' ? { server: target, namespace } : { name: target, namespace };
}

/** `--allow-cluster-resource GROUP/KIND`; the core group is written as an empty group (`/Namespace`). */
export function groupKind(value: string): { group: string; kind: string } {
  const slash = value.lastIndexOf('/');
  if (slash < 0 || slash === value.length - 1)
    throw new InvalidArgumentError(`expected GROUP/KIND (e.g. apps/Deployment, /Namespace), got "${value}"`);
  return { group: value.slice(0, slash), kind: value.slice(slash + 1) };
}

/** The spec with the flags that were given applied; the others leave their fields alone. */
export function applyProjectFlags(spec: Record<string, unknown>, flags: ProjectFlags): Record<string, unknown> {
  const next = { ...spec };
  if (flags.description !== undefined) next.description = flags.description;
  if (flags.dest) next.destinations = flags.dest.map(destination);
  if (flags.src) next.sourceRepos = flags.src;
  if (flags.sourceNamespaces) next.sourceNamespaces = flags.sourceNamespaces;
  if (flags.allowClusterResource) next.clusterResourceWhitelist = flags.allowClusterResource.map(groupKind);
  if (flags.denyNamespacedResource) next.namespaceResourceBlacklist = flags.denyNamespacedResource.map(groupKind);
  return next;
}

/** `proj role add-policy`: `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, <permission>`. */
export function rolePolicyLine(
  project: string,
  role: string,
  policy: { resource: string; action: string; object: string; permission: string },
): string {
  return `p, proj:${project}:${role}, ${policy.resource}, ${policy.action}, ${project}/${policy.object}, ${policy.permission}`;
}

/** Argo CD's `--expires-in` durations: 0 (never), or a number with s, m, h or d. */
export function durationSeconds(value: string): number {
  if (value === '0') return 0;
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected a duration such as 30m, 12h or 7d (0: never), got "${value}"`);
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  return Number(match[1]) * (units[match[2] as string] ?? 1);
}

/** Repeatable flags that also take comma-separated values (pflag's StringSlice). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').filter((item) => item !== '')];
}
