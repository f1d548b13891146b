// Discovery documents (/api, /apis, /api/v1, /apis/<group>/<version>) built
// from the types a cluster serves at the moment of the request.
import type { ResourceType } from '../registry/resource-type';
import { compareKubeVersions } from '../registry/type-registry';

export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+kube-sim' };

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function versionInfo(): Record<string, string> {
  return {
    ...KUBE_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

interface GroupVersions {
  name: string;
  versions: string[];
}

function groupsOf(types: readonly ResourceType[]): GroupVersions[] {
  const groups = new Map<string, Set<string>>();
  for (const type of types) {
    if (!type.group) continue;
    const versions = groups.get(type.group) ?? new Set<string>();
    for (const version of type.versions) versions.add(version);
    groups.set(type.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions: [...versions].sort(compareKubeVersions) }));
}

function apiGroup(group: GroupVersions): unknown {
  const versions = group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(types: readonly ResourceType[]): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(types).map(apiGroup) };
}

export function apiGroupDocument(types: readonly ResourceType[], groupName: string): unknown {
  const group = groupsOf(types).find((candidate) => candidate.name === groupName);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...(apiGroup(group) as object) } : undefined;
}

export function apiResourceList(types: readonly ResourceType[], group: string, version: string): unknown {
  const served = types.filter((type) => type.group === group && type.versions.includes(version));
  if (served.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const type of served) {
    resources.push({
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ALL_VERBS,
      ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length > 0 ? { categories: type.categories } : {}),
    });
    if (type.statusSubresource) {
      resources.push({
        name: `${type.plural}/status`,
        singularName: '',
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
    if (type.scaleSubresource) {
      resources.push({
        name: `${type.plural}/scale`,
        singularName: '',
        namespaced: type.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
