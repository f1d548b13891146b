// Hooks as Argo CD reads them: `argocd.argoproj.io/hook` (a comma-separated
// list of PreSync, Sync, PostSync, SyncFail, Skip), else Helm's `helm.sh/hook`
// (pre-install/pre-upgrade → PreSync, post-install/post-upgrade → PostSync;
// other Helm hooks are not run), with their delete policies and weights.
// Pure.

export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
export const HELM_HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';
/** Keeps a hook's object until the engine has read its outcome. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';
export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';

export const PHASE_ORDER: readonly SyncPhase[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];

const ARGO_HOOKS = new Set(['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip']);
const HELM_HOOKS: Record<string, SyncPhase> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};
const HELM_DELETE_POLICIES: Record<string, HookDeletePolicy> = {
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
  'before-hook-creation': 'BeforeHookCreation',
};

export interface HookSpec {
  /** The phases the object runs in as a hook; empty when it is not one. */
  phases: SyncPhase[];
  /** `Skip`: never applied. */
  skip: boolean;
  /** The object carries a hook annotation (a hook with no valid type is ignored, as in Argo CD). */
  annotated: boolean;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function hookSpecOf(annotations: Record<string, string> | undefined): HookSpec {
  const argo = annotations?.[HOOK_ANNOTATION];
  if (argo !== undefined) {
    const types = list(argo).filter((type) => ARGO_HOOKS.has(type));
    return {
      phases: types.filter((type): type is SyncPhase => type !== 'Skip'),
      skip: types.includes('Skip'),
      annotated: true,
    };
  }
  const helm = annotations?.[HELM_HOOK_ANNOTATION];
  if (helm !== undefined) {
    const phases = [...new Set(list(helm).flatMap((type) => HELM_HOOKS[type] ?? []))];
    return { phases, skip: false, annotated: true };
  }
  return { phases: [], skip: false, annotated: false };
}

/** The policies of a hook; BeforeHookCreation when none is set, as in Argo CD. */
export function deletePoliciesOf(annotations: Record<string, string> | undefined): HookDeletePolicy[] {
  const argo = list(annotations?.[HOOK_DELETE_POLICY_ANNOTATION]).filter(
    (policy): policy is HookDeletePolicy =>
      policy === 'HookSucceeded' || policy === 'HookFailed' || policy === 'BeforeHookCreation',
  );
  const helm = list(annotations?.[HELM_HOOK_DELETE_POLICY_ANNOTATION]).flatMap(
    (policy) => HELM_DELETE_POLICIES[policy] ?? [],
  );
  const policies = [...new Set([...argo, ...helm])];
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}

/** `argocd.argoproj.io/sync-wave`, else `helm.sh/hook-weight`, else 0. */
export function waveOf(annotations: Record<string, string> | undefined): number {
  for (const name of [SYNC_WAVE_ANNOTATION, HELM_HOOK_WEIGHT_ANNOTATION]) {
    const text = annotations?.[name];
    if (text === undefined || text.trim() === '') continue;
    const wave = Number(text);
    if (Number.isInteger(wave)) return wave;
  }
  return 0;
}

export function phaseRank(phase: SyncPhase): number {
  return PHASE_ORDER.indexOf(phase);
}
