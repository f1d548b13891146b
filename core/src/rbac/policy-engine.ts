// casbin enforcers with Argo CD's model and `globOrRegexMatch` over a fixed
// set of policy rules, queried synchronously once built.
//
// casbin evaluates the matcher on every `p` line for every request, which costs
// hundreds of microseconds with a few hundred lines. Only lines whose subject
// the requester can reach through `g` lines can match, so each distinct set of
// reachable subjects gets its own enforcer holding just those `p` lines (and
// every `g` line, so casbin still decides role membership itself). Decisions
// are cached per request too, as Argo CD does with casbin's CachedEnforcer;
// the rules never change after building, so neither cache goes stale.
import { type Adapter, type Enforcer, type Model, newEnforcer, newModelFromString } from 'casbin';
import { ARGOCD_RBAC_MODEL } from './builtin-policy';
import { type MatchMode, matcherFor } from './match-mode';
import type { PolicyRule } from './policy-csv';

export interface PolicyEngine {
  /** casbin's decision for one subject (no default role, no groups). A matcher error denies. */
  allows(subject: string, resource: string, action: string, object: string): Promise<boolean>;
  /** Subjects that appear first in a `g` line: only these groups are worth trying (Argo CD pre-filters the same way). */
  readonly groupedSubjects: ReadonlySet<string>;
}

const DECISION_CACHE_LIMIT = 50_000;
const ENFORCER_CACHE_LIMIT = 1_000;

export async function buildPolicyEngine(rules: readonly PolicyRule[], matchMode: MatchMode): Promise<PolicyEngine> {
  const grouping = rules.filter((rule) => rule.kind === 'g');
  const permissionsBySubject = new Map<string, PolicyRule[]>();
  for (const rule of rules) {
    if (rule.kind !== 'p') continue;
    const subject = rule.fields[0] as string;
    permissionsBySubject.set(subject, [...(permissionsBySubject.get(subject) ?? []), rule]);
  }
  const rolesOf = new Map<string, string[]>();
  for (const [member, role] of grouping.map((rule) => rule.fields as [string, string]))
    rolesOf.set(member, [...(rolesOf.get(member) ?? []), role]);

  const enforcers = new Map<string, Promise<Enforcer>>();
  const enforcerFor = (subjects: string[]): Promise<Enforcer> => {
    const key = JSON.stringify(subjects);
    let enforcer = enforcers.get(key);
    if (enforcer === undefined) {
      const permissions = subjects.flatMap((subject) => permissionsBySubject.get(subject) ?? []);
      enforcer = newArgoEnforcer([...permissions, ...grouping], matchMode);
      if (enforcers.size >= ENFORCER_CACHE_LIMIT) enforcers.clear();
      enforcers.set(key, enforcer);
    }
    return enforcer;
  };
  // Build one now so a broken model or policy fails here, not on the first request.
  await enforcerFor([]);

  const decisions = new Map<string, boolean>();
  return {
    groupedSubjects: new Set(rolesOf.keys()),
    async allows(subject, resource, action, object) {
      // JSON keeps the four parts apart whatever characters they hold.
      const key = JSON.stringify([subject, resource, action, object]);
      const cached = decisions.get(key);
      if (cached !== undefined) return cached;
      const subjects = reachableSubjects(subject, rolesOf).filter((name) => permissionsBySubject.has(name));
      const enforcer = await enforcerFor(subjects);
      let allowed: boolean;
      try {
        allowed = enforcer.enforceSync(subject, resource, action, object);
      } catch {
        allowed = false;
      }
      if (decisions.size >= DECISION_CACHE_LIMIT) decisions.clear();
      decisions.set(key, allowed);
      return allowed;
    },
  };
}

/** The subject and every role it reaches through `g` lines, sorted. A superset of what casbin follows (it stops at 10 levels). */
function reachableSubjects(subject: string, rolesOf: ReadonlyMap<string, string[]>): string[] {
  const seen = new Set([subject]);
  const pending = [subject];
  for (let name = pending.pop(); name !== undefined; name = pending.pop())
    for (const role of rolesOf.get(name) ?? [])
      if (!seen.has(role)) {
        seen.add(role);
        pending.push(role);
      }
  return [...seen].sort();
}

async function newArgoEnforcer(rules: readonly PolicyRule[], matchMode: MatchMode): Promise<Enforcer> {
  const enforcer = await newEnforcer(newModelFromString(ARGOCD_RBAC_MODEL), new RulesAdapter(rules));
  const match = matcherFor(matchMode);
  await enforcer.addFunction('globOrRegexMatch', (value: unknown, pattern: unknown) =>
    typeof value === 'string' && typeof pattern === 'string' ? match(value, pattern) : false,
  );
  return enforcer;
}

/** Feeds already-parsed rules to casbin; read-only, like Argo CD's adapter. */
class RulesAdapter implements Adapter {
  constructor(private readonly rules: readonly PolicyRule[]) {}

  loadPolicy(model: Model): Promise<void> {
    for (const rule of this.rules) model.addPolicy(rule.kind, rule.kind, [...rule.fields]);
    return Promise.resolve();
  }

  savePolicy(): Promise<boolean> {
    return Promise.reject(new Error('RBAC policy is read-only'));
  }

  addPolicy(): Promise<void> {
    return Promise.reject(new Error('RBAC policy is read-only'));
  }

  removePolicy(): Promise<void> {
    return Promise.reject(new Error('RBAC policy is read-only'));
  }

  removeFilteredPolicy(): Promise<void> {
    return Promise.reject(new Error('RBAC policy is read-only'));
  }
}
