// RBAC with Argo CD's policy model: argocd-rbac-cm settings, casbin with
// Argo CD's model and built-in roles, AppProject roles, token groups.
export { ARGOCD_RBAC_MODEL, BUILTIN_POLICY_CSV, DRIFTLESS_BUILTIN_POLICY_CSV } from './builtin-policy';
export { type RbacClaims, groupsFromClaims, parseProjectSubject, userIdentifier } from './claims';
export {
  type RbacEnforcer,
  type RbacEnforcerOptions,
  type RbacSubject,
  RbacPolicyError,
  createRbacEnforcer,
} from './enforcer';
export { globMatch } from '@driftless/glob';
export { type GuardedLookup, type GuardedResult, PERMISSION_DENIED_MESSAGE, guardedLookup } from './guarded-lookup';
export { type MatchMode, InvalidPatternError } from './match-mode';
export { requestObjectProblem } from './object-names';
export {
  type PolicyIssue,
  type PolicyRule,
  type PolicySource,
  formatPolicyIssue,
  parsePolicySources,
} from './policy-csv';
export { type ProjectPolicy, type RbacProject, projectPolicy } from './project-policy';
export { DEFAULT_SCOPES, type RbacConfig, rbacConfigFromData, rbacConfigFromFileText } from './rbac-config';
export {
  PROJECT_SCOPED_RESOURCES,
  RBAC_ACTIONS,
  RBAC_RESOURCE_ACTIONS,
  RBAC_RESOURCES,
  type RbacAction,
  type RbacResource,
  literalActionProblem,
  resolveResourceAlias,
} from './resources';
export { type PolicyValidation, validatePolicy } from './validate-policy';
