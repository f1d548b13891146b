// Argo CD's own phrases, word for word, because users search for them. Driftless appends which
// windows decided after a colon, as Argo CD appends an error ("…: invalid sync windows: …").
import { type SyncRequest } from './sync-request';

export const SYNC_WINDOW_PHRASES = {
  /** The application controller's log line when auto-sync is skipped (controller/appcontroller.go). */
  autoSyncPrevented: 'Sync prevented by sync window',
  /** A running operation's message while a window holds it (controller/sync.go). */
  operationBlocked: 'Sync operation blocked by sync window',
  /** The API's PermissionDenied answer to a sync request (server/application). */
  syncRequestRefused: 'Cannot sync: Blocked by sync window',
} as const;

/** The phrase a user sees for this kind of sync when it is blocked. */
export function blockedPhrase(request: SyncRequest): string {
  if (request.operationStartedAt) return SYNC_WINDOW_PHRASES.operationBlocked;
  return request.manual ? SYNC_WINDOW_PHRASES.syncRequestRefused : SYNC_WINDOW_PHRASES.autoSyncPrevented;
}
