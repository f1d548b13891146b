// A window whose schedule or duration cannot be read. Argo CD refuses to decide on such a
// project ("invalid sync windows: …") and blocks the sync; callers do the same with this error.
export class SyncWindowError extends Error {
  readonly code = 'SYNC_WINDOW_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'SyncWindowError';
  }
}
