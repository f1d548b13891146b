// Argo CD's casbin model (`g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res)
// && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)`, any
// matching deny beats every allow) over a fixed set of policy rules.
//
// casbin evaluates the matcher on every `p` line for every request: about
// 100 µs a decision with the built-in roles, a second for a list of 10,000
// applications. The model is simple enough to evaluate directly: only lines
// whose subject the requester reaches through `g` lines can match, and for a
// given subject, resource and action the candidate lines are fixed, so they are
// picked once and each object costs a pattern match or two. casbin itself is
// still built from the same rules — it validates them at load, and a property
// test holds the two to the same decisions (policy-engine.spec.ts). The rules
// never change after building, so the candidate lines never go stale; a
// decision itself is cheaper than a cache lookup, so none are kept.
import { type Adapter, type Enforcer, type Model, newEnforcer, newModelFromString } from 'casbin';
import { ARGOCD_RBAC_MODEL } from './builtin-policy';
import { type MatchMode, matcherFor } from './match-mode';
import type { PolicyRule } from './policy-csv';

export interface PolicyEngine {
  /** casbin's decision for one subject (no default role, no groups). A matcher error denies. */
  allows(subject: string, resource: string, action: string, object: string): boolean;
  /** Subjects that appear first in a `g` line: only these groups are worth trying (Argo CD pre-filters the same way). */
  readonly groupedSubjects: ReadonlySet<string>;
}

const CANDIDATE_CACHE_LIMIT = 10_000;

/** The engine, after casbin has loaded the same rules: a broken model or policy fails here, not on a request. */
export async function buildPolicyEngine(rules: readonly PolicyRule[], matchMode: MatchMode): Promise<PolicyEngine> {
  await newArgoEnforcer(rules, matchMode);
  return compilePolicyEngine(rules, matchMode);
}

/** The engine without loading casbin (rules already checked, e.g. the built-in and user policy plus a project's roles). */
export function compilePolicyEngine(rules: readonly PolicyRule[], matchMode: MatchMode): PolicyEngine {
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

  const match = matcherFor(matchMode);

  // subject → resource → action → the lines that can decide such a request.
  const candidates = new Map<string, Map<string, Map<string, CandidateLine[]>>>();
  let candidateCount = 0;
  const candidatesFor = (subject: string, resource: string, action: string): CandidateLine[] => {
    let byResource = candidates.get(subject);
    if (byResource === undefined)
      candidates.set(subject, (byResource = new Map<string, Map<string, CandidateLine[]>>()));
    let byAction = byResource.get(resource);
    if (byAction === undefined) byResource.set(resource, (byAction = new Map<string, CandidateLine[]>()));
    let lines = byAction.get(action);
    if (lines === undefined) {
      lines = reachableSubjects(subject, rolesOf)
        .flatMap((name) => permissionsBySubject.get(name) ?? [])
        .filter((rule) => match(resource, rule.fields[1] ?? '') && match(action, rule.fields[2] ?? ''))
        .map((rule) => ({ object: rule.fields[3] ?? '', effect: rule.fields[4] ?? '' }));
      if (candidateCount >= CANDIDATE_CACHE_LIMIT) {
        candidates.clear();
        candidateCount = 0;
      }
      candidateCount += 1;
      byAction.set(action, lines);
    }
    return lines;
  };

  return {
    groupedSubjects: new Set(rolesOf.keys()),
    allows(subject, resource, action, object) {
      try {
        return decide(candidatesFor(subject, resource, action), object, match);
      } catch {
        // A pattern that does not compile (regex mode) denies, as casbin's matcher error does in Argo CD.
        return false;
      }
    },
  };
}

interface CandidateLine {
  object: string;
  effect: string;
}

/** `some(where (p.eft == allow)) && !some(where (p.eft == deny))` over the lines whose object pattern matches. */
function decide(lines: readonly CandidateLine[], object: string, match: (value: string, pattern: string) => boolean) {
  let allowed = false;
  for (const line of lines) {
    if (line.effect !== 'allow' && line.effect !== 'deny') continue;
    if (!match(object, line.object)) continue;
    if (line.effect === 'deny') return false;
    allowed = true;
  }
  return allowed;
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

/** casbin with Argo CD's model over these rules: the reference the direct evaluation is tested against. */
export async function newArgoEnforcer(rules: readonly PolicyRule[], matchMode: MatchMode): Promise<Enforcer> {
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
