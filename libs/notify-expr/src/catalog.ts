// The built-in trigger catalog (argo-cd notifications_catalog/triggers), as the `trigger.<name>`
// values an argocd-notifications-cm holds after installing the catalog. Sync triggers dedup per
// synced revision; health and sync-status triggers per desired revision; created/deleted per app.
import { compileTrigger, parseTriggerYaml, type CompiledTrigger } from './triggers';

const SYNC_REVISION = 'app.status.operationState?.syncResult?.revision';

function condition(fields: { description: string; oncePer: string; send: string; when: string }): string {
  // Keys in the order Go's YAML marshaller writes them (alphabetical).
  return [
    `- description: ${fields.description}`,
    `  oncePer: ${fields.oncePer}`,
    '  send:',
    `  - ${fields.send}`,
    `  when: ${JSON.stringify(fields.when)}`,
    '',
  ].join('\n');
}

const syncPhase = (phases: string): string =>
  `app.status.operationState != nil and app.status.operationState.phase in [${phases}]`;

/** `trigger.<name>` → YAML, for the 8 catalog triggers. */
export const CATALOG_TRIGGERS: Readonly<Record<string, string>> = {
  'trigger.on-created': condition({
    description: 'Application is created.',
    oncePer: 'app.metadata.name',
    send: 'app-created',
    when: 'true',
  }),
  'trigger.on-deleted': condition({
    description: 'Application is deleted.',
    oncePer: 'app.metadata.name',
    send: 'app-deleted',
    when: 'app.metadata.deletionTimestamp != nil',
  }),
  'trigger.on-deployed': condition({
    description: 'Application is synced and healthy. Triggered once per commit.',
    oncePer: SYNC_REVISION,
    send: 'app-deployed',
    // Healthy must be reached by this sync: the health transition is no more than a minute older
    // than the end of the operation, or it predates the operation's start.
    when: [
      `${syncPhase("'Succeeded'")} and app.status.health.status == 'Healthy'`,
      'and (!time.Parse(app.status.health.lastTransitionTime).Add(1 * time.Minute).Before(time.Parse(app.status.operationState.finishedAt))',
      'or time.Parse(app.status.health.lastTransitionTime).Before(time.Parse(app.status.operationState.startedAt)))',
    ].join(' '),
  }),
  'trigger.on-health-degraded': condition({
    description: 'Application has degraded',
    oncePer: 'app.status.sync.revision',
    send: 'app-health-degraded',
    when: "app.status.health.status == 'Degraded'",
  }),
  'trigger.on-sync-failed': condition({
    description: 'Application syncing has failed',
    oncePer: SYNC_REVISION,
    send: 'app-sync-failed',
    when: syncPhase("'Error', 'Failed'"),
  }),
  'trigger.on-sync-running': condition({
    description: 'Application is being synced',
    oncePer: SYNC_REVISION,
    send: 'app-sync-running',
    when: syncPhase("'Running'"),
  }),
  'trigger.on-sync-status-unknown': condition({
    description: "Application status is 'Unknown'",
    oncePer: 'app.status.sync.revision',
    send: 'app-sync-status-unknown',
    when: "app.status.sync.status == 'Unknown'",
  }),
  'trigger.on-sync-succeeded': condition({
    description: 'Application syncing has succeeded',
    oncePer: SYNC_REVISION,
    send: 'app-sync-succeeded',
    when: syncPhase("'Succeeded'"),
  }),
};

/** The catalog triggers, parsed and compiled, keyed by trigger name (`on-created`, …). */
export function catalogTriggers(): Map<string, CompiledTrigger> {
  const triggers = new Map<string, CompiledTrigger>();
  for (const [key, yaml] of Object.entries(CATALOG_TRIGGERS)) {
    const name = key.slice('trigger.'.length);
    triggers.set(name, compileTrigger(name, parseTriggerYaml(name, yaml)));
  }
  return triggers;
}
