// Named errors with a code a user can search for.
export type DiffErrorCode =
  | 'DIFF_INVALID_JSON_POINTER'
  | 'DIFF_JQ_SYNTAX'
  | 'DIFF_JQ_UNSUPPORTED'
  | 'DIFF_JQ_RUNTIME'
  | 'DIFF_JQ_STEP_LIMIT'
  | 'DIFF_INVALID_SETTINGS'
  | 'DIFF_INVALID_OBJECT';

export class DiffError extends Error {
  constructor(
    readonly code: DiffErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DiffError';
  }
}
