// The RBAC decision Driftless makes for every API call, with Argo CD's rules:
//
// 1. If `policy.default` names a role and that role is allowed, allow.
// 2. A plain subject (a user or role name) is checked against the built-in
//    and user policy.
// 3. Token claims: for requests on a project-scoped object (`<project>/…`) or
//    on a project, that project's roles join the policy. A project token
//    (`proj:<project>:<role>`) is checked only within its own project. Else the
//    user (`federated_claims.user_id` or `sub`) is tried, then each group from
//    the `scopes` claims that some `g` line mentions.
// 4. Among the matching lines, any `deny` wins over every `allow`.
//
// `can` answers only yes or no, never "no such object": see guarded-lookup.ts
// for how the API turns that into one answer for forbidden and not found.
import { DRIFTLESS_BUILTIN_POLICY_CSV } from './builtin-policy';
import { type RbacClaims, groupsFromClaims, parseProjectSubject, userIdentifier } from './claims';
import { requestObjectProblem } from './object-names';
import { type PolicyIssue, type PolicyRule, formatPolicyIssue, parsePolicySources } from './policy-csv';
import { type PolicyEngine, buildPolicyEngine, compilePolicyEngine } from './policy-engine';
import { type ProjectPolicy, type RbacProject, projectPolicy } from './project-policy';
import type { RbacConfig } from './rbac-config';
import { PROJECT_SCOPED_RESOURCES } from './resources';
import { validatePolicy } from './validate-policy';

export type RbacSubject = string | RbacClaims;

export interface RbacEnforcerOptions {
  /** The built-in roles; `false` leaves them out. Default: Argo CD's `role:readonly` and `role:admin`, with Driftless's `plugins`. */
  builtinPolicy?: string | false;
  /**
   * Finds an AppProject by name. Called on every claims request that names a
   * project, so edits to project roles and apps moved between projects count at
   * once. May throw; the error reaches the caller of `can`.
   */
  projects?: (name: string) => RbacProject | undefined;
  /**
   * Deny requests whose object is not a well-formed Kubernetes name for the
   * resource (see object-names.ts). Default true; `settings rbac can` turns it
   * off so policies can be queried with wildcard objects, as with Argo CD's command.
   */
  validateObjectNames?: boolean;
}

export interface RbacEnforcer {
  /** Whether `subject` may do `action` on `resource` `object`. Never throws for a missing object or project. */
  can(subject: RbacSubject, action: string, resource: string, object: string): Promise<boolean>;
  /** `can`, synchronously: a microsecond or two a decision, for filtering long lists. */
  canSync(subject: RbacSubject, action: string, resource: string, object: string): boolean;
  readonly config: RbacConfig;
  /** Warnings and errors about the user policy that did not stop it from loading. */
  readonly issues: readonly PolicyIssue[];
}

/** The user policy has lines Argo CD would refuse to load; nothing was enforced. */
export class RbacPolicyError extends Error {
  constructor(readonly issues: readonly PolicyIssue[]) {
    super(
      `RBAC policy has ${issues.length} invalid line${issues.length === 1 ? '' : 's'}: ${issues.map(formatPolicyIssue).join('; ')}`,
    );
    this.name = 'RbacPolicyError';
  }
}

export async function createRbacEnforcer(config: RbacConfig, options: RbacEnforcerOptions = {}): Promise<RbacEnforcer> {
  const builtin = options.builtinPolicy ?? DRIFTLESS_BUILTIN_POLICY_CSV;
  const builtinRules = builtin === false ? [] : parsePolicySources([{ name: 'built-in policy', csv: builtin }]).rules;
  // Only what Argo CD refuses stops loading; other problems are reported (see `issues`) and the
  // lines load as Argo CD loads them, so a policy written for Argo CD decides the same here.
  const validation = validatePolicy(config.policy, config.matchMode);
  const syntaxErrors = validation.issues.filter((issue) => issue.syntax);
  if (syntaxErrors.length > 0) throw new RbacPolicyError(syntaxErrors);
  const baseRules = [...builtinRules, ...validation.rules];
  const global = await buildPolicyEngine(baseRules, config.matchMode);
  const projectEngines = new ProjectEngines(baseRules, config);
  const validateNames = options.validateObjectNames ?? true;
  const { defaultRole } = config;

  const allowsWithDefault = (engine: PolicyEngine, subject: string, request: Request): boolean =>
    (defaultRole !== '' && engine.allows(defaultRole, ...request)) || engine.allows(subject, ...request);

  function canClaims(claims: RbacClaims, request: Request): boolean {
    const [resource, , object] = request;
    const user = userIdentifier(claims);
    const projectName = projectOfRequest(resource, object);
    const project = projectName === undefined ? undefined : options.projects?.(projectName);
    if (project !== undefined && project.metadata.name === projectName) {
      const engine = projectEngines.get(project);
      const token = parseProjectSubject(user);
      // A project token acts only inside the project that issued it.
      if (token !== undefined) return token.project === projectName && allowsWithDefault(engine, user, request);
      return allowedForUserOrGroups(engine, claims, user, request);
    }
    return allowedForUserOrGroups(global, claims, user, request);
  }

  function allowedForUserOrGroups(engine: PolicyEngine, claims: RbacClaims, user: string, request: Request): boolean {
    if (defaultRole !== '' && engine.allows(defaultRole, ...request)) return true;
    if (user !== '' && engine.allows(user, ...request)) return true;
    for (const group of groupsFromClaims(claims, config.scopes))
      if (engine.groupedSubjects.has(group) && engine.allows(group, ...request)) return true;
    return false;
  }

  function canSync(subject: RbacSubject, action: string, resource: string, object: string): boolean {
    if (validateNames && requestObjectProblem(resource, object) !== undefined) return false;
    const request: Request = [resource, action, object];
    if (defaultRole !== '' && global.allows(defaultRole, ...request)) return true;
    if (typeof subject === 'string') return global.allows(subject, ...request);
    return canClaims(subject, request);
  }

  return {
    config,
    issues: [...config.issues, ...validation.issues],
    canSync,
    // Async for callers that may one day need I/O (the project lookup may throw: the promise rejects).
    can: (subject, action, resource, object) => {
      try {
        return Promise.resolve(canSync(subject, action, resource, object));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

type Request = [resource: string, action: string, object: string];

/** The project a request is about: the first part of a project-scoped object, or the project itself. */
function projectOfRequest(resource: string, object: string): string | undefined {
  if (resource === 'projects') return object;
  if (!PROJECT_SCOPED_RESOURCES.has(resource)) return undefined;
  const slash = object.indexOf('/');
  return slash > 0 ? object.slice(0, slash) : undefined;
}

/** Policy engines with a project's roles added, rebuilt when the project's roles change. */
class ProjectEngines {
  private readonly cache = new Map<string, { fingerprint: string; engine: PolicyEngine }>();
  private readonly policies = new Map<string, { resourceVersion: string; policy: ProjectPolicy }>();

  constructor(
    private readonly baseRules: readonly PolicyRule[],
    private readonly config: RbacConfig,
  ) {}

  get(project: RbacProject): PolicyEngine {
    const policy = this.policyOf(project);
    const cached = this.cache.get(policy.project);
    if (cached !== undefined && cached.fingerprint === policy.fingerprint) return cached.engine;
    // The base rules were loaded into casbin with the global engine; a project adds only `p`/`g` lines of the same shape.
    const engine = compilePolicyEngine([...this.baseRules, ...policy.rules], this.config.matchMode);
    this.cache.set(policy.project, { fingerprint: policy.fingerprint, engine });
    return engine;
  }

  /** Roles are re-read unless the object carries the same resourceVersion as last time (any edit changes it). */
  private policyOf(project: RbacProject): ProjectPolicy {
    const name = project.metadata.name ?? '';
    const { resourceVersion } = project.metadata;
    const known = this.policies.get(name);
    if (resourceVersion !== undefined && known?.resourceVersion === resourceVersion) return known.policy;
    const policy = projectPolicy(project);
    if (resourceVersion !== undefined) this.policies.set(name, { resourceVersion, policy });
    return policy;
  }
}
