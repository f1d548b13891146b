// Why a client-side apply patch could not be computed. kubectl refuses the same inputs, so a sync
// reports these as the resource's apply failure.
export type ThreeWayPatchErrorCode =
  /** An item of a list merged by key (containers by name, ports by containerPort, …) lacks its key. */
  | 'APPLY_MERGE_KEY_MISSING'
  /** A JSON merge patch would change apiVersion, kind or metadata.name, which kubectl refuses. */
  | 'APPLY_IDENTITY_CHANGED'
  /** The live object's last-applied annotation is not a JSON object. */
  | 'APPLY_LAST_APPLIED_UNREADABLE';

export class ThreeWayPatchError extends Error {
  constructor(
    readonly code: ThreeWayPatchErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ThreeWayPatchError';
  }
}
