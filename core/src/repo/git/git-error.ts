// The one error the Git transport throws. `code` is what callers branch on;
// the message names the repository (never with userinfo) and what to do, and
// is built only from scrubbed text, so it can be shown to users and logged.

export type GitErrorCode =
  | 'NOT_FOUND'
  | 'AUTH_FAILED'
  | 'REVISION_NOT_FOUND'
  | 'TIMEOUT'
  | 'FORBIDDEN_URL'
  | 'HOST_KEY_MISMATCH'
  | 'TOO_LARGE'
  | 'FAILED';

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export function isGitError(error: unknown): error is GitError {
  return error instanceof GitError;
}
