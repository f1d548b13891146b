// Which resource types a cluster serves: one entry per group/kind at the
// group's preferred version, with its plural, scope and verbs — what the live
// cache watches and what manifests are checked against ("does the cluster know
// this kind?", "is it namespaced?").
import { type KubeHttp } from '../../kube/kube-http';

export interface ApiResourceType {
  group: string;
  version: string;
  kind: string;
  /** Plural, as in the URL. */
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface ApiGroupList {
  groups: { name: string; preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[];
}

export function groupKindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** Every group-version the cluster serves, preferred versions first (so a kind's preferred version wins). */
async function groupVersions(http: KubeHttp): Promise<string[]> {
  const core = await http.getJson<{ versions: string[] }>('/api');
  const groups = await http.getJson<ApiGroupList>('/apis');
  const ordered = [...core.versions];
  for (const group of groups.groups ?? []) {
    const preferred = group.preferredVersion?.groupVersion;
    if (preferred) ordered.push(preferred);
    for (const version of group.versions) if (version.groupVersion !== preferred) ordered.push(version.groupVersion);
  }
  return ordered;
}

export async function discoverApiResources(http: KubeHttp): Promise<ApiResourceType[]> {
  const versions = await groupVersions(http);
  const lists = await Promise.all(
    versions.map((groupVersion) =>
      http.getJson<ApiResourceList>(groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`),
    ),
  );
  const byGroupKind = new Map<string, ApiResourceType>();
  lists.forEach((list, index) => {
    const groupVersion = versions[index] ?? '';
    const slash = groupVersion.indexOf('/');
    const group = slash < 0 ? '' : groupVersion.slice(0, slash);
    const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
    for (const resource of list.resources ?? []) {
      if (resource.name.includes('/')) continue; // subresources: status, scale, log…
      const key = groupKindKey(group, resource.kind);
      if (byGroupKind.has(key)) continue;
      byGroupKind.set(key, {
        group,
        version,
        kind: resource.kind,
        resource: resource.name,
        namespaced: resource.namespaced,
        verbs: resource.verbs ?? [],
      });
    }
  });
  return [...byGroupKind.values()];
}

/** The collection URL of a type, cluster-wide or in one namespace. */
export function collectionPath(type: ApiResourceType, namespace?: string): string {
  const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return namespace && type.namespaced ? `${base}/namespaces/${namespace}/${type.resource}` : `${base}/${type.resource}`;
}

export function objectPath(type: ApiResourceType, namespace: string, name: string): string {
  return `${collectionPath(type, namespace)}/${encodeURIComponent(name)}`;
}
