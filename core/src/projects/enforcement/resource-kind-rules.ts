// The four resource lists of an AppProject, as Argo CD's IsGroupKindNamePermitted applies them.
// Group, kind and name are Go filepath.Match patterns.
// - Namespaced: an absent namespaceResourceWhitelist allows every kind; an empty one allows none.
// - Cluster-scoped: only kinds in clusterResourceWhitelist (absent or empty allows none). A `name`
//   on a cluster entry narrows it to matching object names; without one it covers every name.
// - Either blacklist wins over its whitelist.
// Lists are matched once per group/kind and cached, so checking a thousand objects of a few
// kinds costs a few pattern matches.
import { type AppProjectSpec, type ClusterResourceRestrictionItem, type GroupKind } from '@driftless/schema';
import { BoundedCache } from './bounded-cache';
import { compilePathMatch } from './go-path-match';

interface CompiledEntry {
  readonly group: RegExp | null;
  readonly kind: RegExp | null;
  /** undefined: the entry covers every name; null: a malformed name pattern, never matches. */
  readonly name: RegExp | null | undefined;
}

/** What one list says about one group/kind, before looking at the object's name. */
interface KindMatch {
  readonly allNames: boolean;
  readonly names: readonly RegExp[];
}

export interface ResourceKindRules {
  isPermitted(group: string, kind: string, name: string, namespaced: boolean): boolean;
}

export function compileResourceKindRules(spec: AppProjectSpec): ResourceKindRules {
  const namespaceWhitelist = compileList(spec.namespaceResourceWhitelist);
  const namespaceBlacklist = compileList(spec.namespaceResourceBlacklist) ?? [];
  const clusterWhitelist = compileList(spec.clusterResourceWhitelist) ?? [];
  const clusterBlacklist = compileList(spec.clusterResourceBlacklist) ?? [];
  const namespacedAnswers = new BoundedCache<boolean>();
  const clusterMatches = new BoundedCache<{ allow: KindMatch; deny: KindMatch }>();

  return {
    isPermitted(group, kind, name, namespaced) {
      const key = `${group}\u0000${kind}`;
      if (namespaced) {
        return namespacedAnswers.get(key, () => {
          const allowed = namespaceWhitelist === undefined || matchKind(namespaceWhitelist, group, kind).allNames;
          return allowed && !matchKind(namespaceBlacklist, group, kind).allNames;
        });
      }
      const { allow, deny } = clusterMatches.get(key, () => ({
        allow: matchKind(clusterWhitelist, group, kind),
        deny: matchKind(clusterBlacklist, group, kind),
      }));
      return coversName(allow, name) && !coversName(deny, name);
    },
  };
}

function compileList(list: readonly (GroupKind | ClusterResourceRestrictionItem)[] | undefined) {
  return list?.map((item): CompiledEntry => ({
    group: compilePathMatch(item.group ?? ''),
    kind: compilePathMatch(item.kind ?? ''),
    name: 'name' in item && item.name ? compilePathMatch(item.name) : undefined,
  }));
}

function matchKind(entries: readonly CompiledEntry[], group: string, kind: string): KindMatch {
  let allNames = false;
  const names: RegExp[] = [];
  for (const entry of entries) {
    if (!entry.kind?.test(kind) || !entry.group?.test(group)) continue;
    if (entry.name === undefined) allNames = true;
    else if (entry.name !== null) names.push(entry.name);
  }
  return { allNames, names };
}

function coversName(match: KindMatch, name: string): boolean {
  return match.allNames || match.names.some((pattern) => pattern.test(name));
}
