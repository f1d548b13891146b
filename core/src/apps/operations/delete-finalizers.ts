// How `app delete` asks for (or against) a cascaded deletion: the resources
// finalizer on the Application tells the controller to delete the app's
// resources first (Argo CD's server Delete). Pure.

export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const BACKGROUND_RESOURCES_FINALIZER = `${RESOURCES_FINALIZER}/background`;
const FOREGROUND_RESOURCES_FINALIZER = `${RESOURCES_FINALIZER}/foreground`;
const RESOURCES_FINALIZERS = [RESOURCES_FINALIZER, BACKGROUND_RESOURCES_FINALIZER, FOREGROUND_RESOURCES_FINALIZER];

export type PropagationPolicy = 'foreground' | 'background';

export interface DeletionRequest {
  cascade: boolean;
  /** Only when --propagation-policy was given. */
  propagationPolicy?: PropagationPolicy;
}

/**
 * The finalizers the Application should carry before it is deleted. Cascade
 * keeps a resources finalizer already there unless a policy was asked for;
 * foreground is the plain finalizer (the controller's default policy).
 * Non-cascade removes every resources finalizer, so the resources stay.
 */
export function finalizersForDeletion(current: readonly string[], request: DeletionRequest): string[] {
  const others = current.filter((finalizer) => !RESOURCES_FINALIZERS.includes(finalizer));
  if (!request.cascade) return others;
  const wanted =
    request.propagationPolicy === 'background'
      ? BACKGROUND_RESOURCES_FINALIZER
      : request.propagationPolicy === 'foreground'
        ? RESOURCES_FINALIZER
        : undefined;
  if (wanted === undefined && current.some((finalizer) => RESOURCES_FINALIZERS.includes(finalizer)))
    return [...current];
  return [...others, wanted ?? RESOURCES_FINALIZER];
}

export const sameFinalizers = (left: readonly string[], right: readonly string[]): boolean =>
  left.length === right.length && left.every((finalizer, index) => finalizer === right[index]);
