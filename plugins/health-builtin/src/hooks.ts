// Argo CD and Helm hook annotations, as health and aggregation need them.
import { annotation, type KubeObject } from './object-fields';

export const ARGOCD_HOOK = 'argocd.argoproj.io/hook';
export const HELM_HOOK = 'helm.sh/hook';
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

function hookTypes(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((type) => type.trim())
        .filter((type) => type !== '');
}

/** `argocd.argoproj.io/hook: Skip`: never applied, never assessed. */
export function isSkipped(obj: KubeObject): boolean {
  return hookTypes(annotation(obj, ARGOCD_HOOK)).includes('Skip');
}

/** A sync hook (Argo CD's own annotation, or a Helm hook other than crd-install). */
export function isHook(obj: KubeObject): boolean {
  const argoTypes = hookTypes(annotation(obj, ARGOCD_HOOK)).filter((type) => type !== 'Skip');
  if (argoTypes.length > 0) return true;
  const helmTypes = hookTypes(annotation(obj, HELM_HOOK)).filter((type) => type !== 'crd-install');
  return helmTypes.length > 0;
}
