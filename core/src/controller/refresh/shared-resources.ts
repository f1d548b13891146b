// Argo CD's SharedResourceWarning: a live object that matches one of this
// app's manifests but is tracked by another app. This app is named
// namespace/name (Argo CD's QualifiedName); the other by its instance name
// with `_` read as `/`, as Argo CD prints it. Pure.
import { type CachedObject } from '../live-state/cached-object';
import { type NewCondition } from '../status/conditions';

export function sharedResourceConditions(
  live: readonly CachedObject[],
  instance: string,
  qualifiedName: string,
): NewCondition[] {
  return live
    .filter((object) => object.appInstance !== undefined && object.appInstance !== instance)
    .map((object) => ({
      type: 'SharedResourceWarning',
      message: `${object.type.kind}/${object.name} is part of applications ${qualifiedName} and ${(object.appInstance ?? '').replaceAll('_', '/')}`,
    }));
}
