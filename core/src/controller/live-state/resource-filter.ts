// Which resource types the live cache watches, with Argo CD's argocd-cm keys
// `resource.exclusions` and `resource.inclusions` (lists of {apiGroups, kinds,
// clusters} globs; an empty list matches everything). A few types are never
// watched (events, metrics, leases: they change constantly and no app owns
// them); when argocd-cm has no `resource.exclusions`, the rules Argo CD's own
// installation ships in argocd-cm apply. Pure.
import { globMatch } from '@driftless/glob';
import { load } from 'js-yaml';

export interface FilteredResource {
  apiGroups?: string[];
  kinds?: string[];
  clusters?: string[];
}

export interface ResourceFilter {
  isExcluded(group: string, kind: string, clusterServer: string): boolean;
}

const alwaysExcluded: FilteredResource[] = [
  { apiGroups: ['events.k8s.io', 'metrics.k8s.io'] },
  { apiGroups: [''], kinds: ['Event'] },
  { apiGroups: ['coordination.k8s.io'], kinds: ['Lease'] },
];

/** manifests/base/config/argocd-cm.yaml of Argo CD's installation. */
export const installedDefaultExclusions: FilteredResource[] = [
  { apiGroups: ['', 'discovery.k8s.io'], kinds: ['Endpoints', 'EndpointSlice'] },
  { apiGroups: ['coordination.k8s.io'], kinds: ['Lease'] },
  {
    apiGroups: ['authentication.k8s.io', 'authorization.k8s.io'],
    kinds: [
      'SelfSubjectReview',
      'TokenReview',
      'LocalSubjectAccessReview',
      'SelfSubjectAccessReview',
      'SelfSubjectRulesReview',
      'SubjectAccessReview',
    ],
  },
  { apiGroups: ['certificates.k8s.io'], kinds: ['CertificateSigningRequest'] },
  { apiGroups: ['cert-manager.io'], kinds: ['CertificateRequest'] },
  { apiGroups: ['cilium.io'], kinds: ['CiliumIdentity', 'CiliumEndpoint', 'CiliumEndpointSlice'] },
  {
    apiGroups: ['kyverno.io', 'reports.kyverno.io', 'wgpolicyk8s.io'],
    kinds: [
      'PolicyReport',
      'ClusterPolicyReport',
      'EphemeralReport',
      'ClusterEphemeralReport',
      'AdmissionReport',
      'ClusterAdmissionReport',
      'BackgroundScanReport',
      'ClusterBackgroundScanReport',
      'UpdateRequest',
    ],
  },
];

export class ResourceFilterError extends Error {}

function matchesAny(patterns: string[] | undefined, value: string): boolean {
  return !patterns || patterns.length === 0 || patterns.some((pattern) => globMatch(pattern, value));
}

function matches(rule: FilteredResource, group: string, kind: string, cluster: string): boolean {
  return matchesAny(rule.apiGroups, group) && matchesAny(rule.kinds, kind) && matchesAny(rule.clusters, cluster);
}

function parseRules(argocdCm: Record<string, string>, key: string): FilteredResource[] | undefined {
  const text = argocdCm[key];
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    throw new ResourceFilterError(`argocd-cm ${key} is not YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!Array.isArray(parsed))
    throw new ResourceFilterError(`argocd-cm ${key} must be a list of {apiGroups, kinds, clusters} rules`);
  return parsed.map((rule: unknown, index) => {
    if (typeof rule !== 'object' || rule === null)
      throw new ResourceFilterError(`argocd-cm ${key}[${index}] must be a map with apiGroups, kinds and clusters`);
    const result: FilteredResource = {};
    for (const field of ['apiGroups', 'kinds', 'clusters'] as const) {
      const value = (rule as Record<string, unknown>)[field];
      if (value === undefined || value === null) continue;
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        throw new ResourceFilterError(`argocd-cm ${key}[${index}].${field} must be a list of strings`);
      result[field] = value as string[];
    }
    return result;
  });
}

export function resourceFilterFrom(argocdCm: Record<string, string>): ResourceFilter {
  const exclusions = [
    ...alwaysExcluded,
    ...(parseRules(argocdCm, 'resource.exclusions') ?? installedDefaultExclusions),
  ];
  const inclusions = parseRules(argocdCm, 'resource.inclusions') ?? [];
  return {
    isExcluded(group, kind, cluster) {
      if (exclusions.some((rule) => matches(rule, group, kind, cluster))) return true;
      return inclusions.length > 0 && !inclusions.some((rule) => matches(rule, group, kind, cluster));
    },
  };
}
