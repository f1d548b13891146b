// BullMQ queues of the main path (ARCHITECTURE.md). A job is only a wake-up:
// the Application resource is the record, so a lost job is re-derived.
export const QueueNames = {
  /** Refresh (compare) one application; deduplicated per app. */
  appRefresh: 'app-refresh',
  /** Render manifests for one source (the repo-server role). */
  manifests: 'manifests',
  /** Run an application's sync operation. */
  appOperation: 'app-operation',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];
