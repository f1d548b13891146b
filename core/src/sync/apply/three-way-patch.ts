// Client-side apply as `kubectl apply` does it (Argo CD's default sync): a three-way patch from
// the last applied configuration (original), the manifest (modified) and the live object
// (current). Fields the manifest stopped declaring are deleted, fields it declares are set where
// they differ, and fields only the live object has — server defaults, other controllers' writes —
// stay. Pure: the caller reads the live object and sends the patch.
import { isJsonObject, type JsonObject } from '@driftless/diff';
import { ThreeWayPatchError } from './three-way-patch-error';
import { jsonMergeThreeWayPatch } from './three-way-patch-json-merge';
import { strategicThreeWayPatch } from './three-way-patch-strategic';

export { ThreeWayPatchError, type ThreeWayPatchErrorCode } from './three-way-patch-error';
export { readLastApplied, withLastApplied } from './three-way-patch-last-applied';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_MERGE_PATCH = 'application/merge-patch+json';

export interface ThreeWayPatchInput {
  /** The live object's last-applied configuration, parsed; undefined when it has none. */
  readonly original: JsonObject | undefined;
  /** The desired manifest, already carrying its new last-applied annotation (`withLastApplied`). */
  readonly modified: JsonObject;
  /** The live object. */
  readonly current: JsonObject;
  /** Built-in kinds take a strategic merge patch; custom resources a JSON merge patch. */
  readonly strategic: boolean;
}

export interface ThreeWayPatch {
  readonly patchType: typeof STRATEGIC_MERGE_PATCH | typeof JSON_MERGE_PATCH;
  readonly patch: JsonObject;
}

/** The patch to send, or undefined when the live object already matches. */
export function threeWayApplyPatch(input: ThreeWayPatchInput): ThreeWayPatch | undefined {
  const { original, modified, current } = input;
  if (input.strategic) {
    const patch = strategicThreeWayPatch(original, modified, current);
    return Object.keys(patch).length > 0 ? { patchType: STRATEGIC_MERGE_PATCH, patch } : undefined;
  }
  const patch = jsonMergeThreeWayPatch(original, modified, current);
  if (Object.keys(patch).length === 0) return undefined;
  assertIdentityUnchanged(patch);
  return { patchType: JSON_MERGE_PATCH, patch };
}

/** kubectl refuses a merge patch that would rename or re-type the object; so do we. */
function assertIdentityUnchanged(patch: JsonObject): void {
  const renamed = isJsonObject(patch.metadata) && Object.hasOwn(patch.metadata, 'name');
  if (Object.hasOwn(patch, 'apiVersion') || Object.hasOwn(patch, 'kind') || renamed) {
    throw new ThreeWayPatchError(
      'APPLY_IDENTITY_CHANGED',
      'the manifest changes apiVersion, kind or metadata.name of the live object; read the live object at the manifest’s apiVersion, or delete and recreate it',
    );
  }
}
