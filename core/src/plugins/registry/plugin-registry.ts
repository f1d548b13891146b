// Which plugin answers for an extension point and key. Pure: no Nest, no I/O.
// Several plugins may claim the same key; the highest declared precedence
// wins, then the more specific pattern, then the id (so the answer is stable),
// and every such overlap is reported as a conflict.
import { type Contributions, type ExtensionPoint } from '@driftless/plugin-sdk';
import { contributionKeys } from './contribution-keys';
import { matchesPattern, specificity } from './pattern-match';

export type PluginOrigin = 'builtin' | 'installed';

export interface RegistryEntry {
  id: string;
  version: string;
  /** `id@version`, the sandbox key. */
  key: string;
  extensionPoint: ExtensionPoint;
  precedence: number;
  contributes: Contributions;
  origin: PluginOrigin;
}

export interface PluginConflict {
  extensionPoint: ExtensionPoint;
  key: string;
  winner: string;
  shadowed: string[];
  /** Winner and a shadowed plugin have the same precedence: the order is by id. */
  tie: boolean;
}

interface Claim {
  entry: RegistryEntry;
  pattern: string;
}

export class PluginRegistry {
  private readonly entries = new Map<string, RegistryEntry>();

  set(entry: RegistryEntry): void {
    this.entries.set(entry.id, entry);
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  get(id: string): RegistryEntry | undefined {
    return this.entries.get(id);
  }

  list(): RegistryEntry[] {
    return [...this.entries.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The plugin of `point` that applies argocd-cm Lua overrides: highest precedence, then id. */
  luaOverridePlugin(point: 'health' | 'action'): RegistryEntry | undefined {
    return this.list()
      .filter((entry) => entry.extensionPoint === point && entry.contributes[point]?.luaOverrides === true)
      .sort((a, b) => b.precedence - a.precedence)[0];
  }

  /** The plugin that answers `key` on a first-match extension point. */
  lookup(point: ExtensionPoint, key: string): RegistryEntry | undefined {
    return this.matching(point, key)[0];
  }

  /** Every plugin that claims `key`, best first (sequential and parallel extension points use all). */
  matching(point: ExtensionPoint, key: string): RegistryEntry[] {
    const claims: Claim[] = [];
    for (const entry of this.entries.values()) {
      if (entry.extensionPoint !== point) continue;
      const patterns = contributionKeys(point, entry.contributes).filter((pattern) => matchesPattern(pattern, key));
      const best = patterns.sort((a, b) => specificity(b) - specificity(a))[0];
      if (best !== undefined) claims.push({ entry, pattern: best });
    }
    return claims.sort(compareClaims).map((claim) => claim.entry);
  }

  /** Keys claimed with the same pattern by more than one plugin. */
  conflicts(): PluginConflict[] {
    const byKey = new Map<string, Claim[]>();
    for (const entry of this.entries.values()) {
      for (const pattern of new Set(contributionKeys(entry.extensionPoint, entry.contributes))) {
        const slot = `${entry.extensionPoint}\u0000${pattern}`;
        byKey.set(slot, [...(byKey.get(slot) ?? []), { entry, pattern }]);
      }
    }
    const conflicts: PluginConflict[] = [];
    for (const claims of byKey.values()) {
      if (claims.length < 2) continue;
      const [winner, ...shadowed] = claims.sort(compareClaims);
      if (!winner) continue;
      conflicts.push({
        extensionPoint: winner.entry.extensionPoint,
        key: winner.pattern,
        winner: winner.entry.id,
        shadowed: shadowed.map((claim) => claim.entry.id),
        tie: shadowed.some((claim) => claim.entry.precedence === winner.entry.precedence),
      });
    }
    return conflicts.sort((a, b) => `${a.extensionPoint}/${a.key}`.localeCompare(`${b.extensionPoint}/${b.key}`));
  }
}

function compareClaims(a: Claim, b: Claim): number {
  return (
    b.entry.precedence - a.entry.precedence ||
    specificity(b.pattern) - specificity(a.pattern) ||
    a.entry.id.localeCompare(b.entry.id)
  );
}
