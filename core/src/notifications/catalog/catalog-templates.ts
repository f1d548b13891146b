// The built-in catalog's templates (Argo CD's notifications_catalog), written fresh: for each
// catalog trigger a `template.app-<event>` with a message, an email subject and a Slack attachment
// whose colour says how it went. With CATALOG_TRIGGERS (@driftless/notify-expr) they make the
// argocd-notifications-cm that `driftless admin notifications catalog` prints or applies.
import { CATALOG_TRIGGERS } from '@driftless/notify-expr';

interface CatalogTemplate {
  subject: string;
  headline: string;
  color: string;
  /** Extra lines of the message after the headline. */
  details: string[];
  /** Slack attachment fields: [title, value template]. */
  fields: [string, string][];
}

const appLink = '{{.context.argocdUrl}}/applications/{{.app.metadata.name}}';
const syncStatus: [string, string] = ['Sync Status', '{{.app.status.sync.status}}'];
const health: [string, string] = ['Health Status', '{{.app.status.health.status}}'];
const repository: [string, string] = ['Repository', '{{.app.spec.source.repoURL}}'];
const revision: [string, string] = ['Revision', '{{.app.status.sync.revision}}'];
const operationDetails = [
  'Operation started at {{.app.status.operationState.startedAt}}.',
  '{{if .app.status.operationState.message}}Message: {{.app.status.operationState.message}}{{end}}',
];

const templates: Record<string, CatalogTemplate> = {
  'app-created': {
    subject: 'Application {{.app.metadata.name}} has been created.',
    headline: 'Application {{.app.metadata.name}} has been created.',
    color: '#18be52',
    details: [],
    fields: [syncStatus, repository],
  },
  'app-deleted': {
    subject: 'Application {{.app.metadata.name}} has been deleted.',
    headline: 'Application {{.app.metadata.name}} has been deleted.',
    color: '#808080',
    details: [],
    fields: [repository],
  },
  'app-deployed': {
    subject: 'New version of an application {{.app.metadata.name}} is up and running.',
    headline:
      '{{if eq .serviceType "slack"}}:white_check_mark:{{end}} Application {{.app.metadata.name}} is now running new version of deployments manifests.',
    color: '#18be52',
    details: [],
    fields: [syncStatus, health, repository, revision],
  },
  'app-health-degraded': {
    subject: 'Application {{.app.metadata.name}} has degraded.',
    headline: '{{if eq .serviceType "slack"}}:exclamation:{{end}} Application {{.app.metadata.name}} has degraded.',
    color: '#f4c030',
    details: [],
    fields: [health, repository],
  },
  'app-sync-failed': {
    subject: 'Failed to sync application {{.app.metadata.name}}.',
    headline:
      '{{if eq .serviceType "slack"}}:exclamation:{{end}} The sync operation of application {{.app.metadata.name}} has failed at {{.app.status.operationState.finishedAt}} with the following error: {{.app.status.operationState.message}}',
    color: '#E96D76',
    details: [],
    fields: [syncStatus, repository],
  },
  'app-sync-running': {
    subject: 'Start syncing application {{.app.metadata.name}}.',
    headline: 'The sync operation of application {{.app.metadata.name}} has started.',
    color: '#0DADEA',
    details: operationDetails,
    fields: [syncStatus, repository],
  },
  'app-sync-status-unknown': {
    subject: "Application {{.app.metadata.name}} sync status is 'Unknown'",
    headline:
      '{{if eq .serviceType "slack"}}:exclamation:{{end}} Application {{.app.metadata.name}} sync is \'Unknown\'.',
    color: '#E96D76',
    details: [],
    fields: [syncStatus, repository],
  },
  'app-sync-succeeded': {
    subject: 'Application {{.app.metadata.name}} has been successfully synced.',
    headline:
      '{{if eq .serviceType "slack"}}:white_check_mark:{{end}} Application {{.app.metadata.name}} has been successfully synced at {{.app.status.operationState.finishedAt}}.',
    color: '#18be52',
    details: [],
    fields: [syncStatus, repository],
  },
};

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
}

function templateYaml(template: CatalogTemplate): string {
  const message = [template.headline, ...template.details, `Application details: ${appLink}.`].join('\n');
  const attachment = JSON.stringify(
    [
      {
        title: '{{ .app.metadata.name}}',
        title_link: appLink,
        color: template.color,
        fields: template.fields.map(([title, value]) => ({ title, value, short: true })),
      },
    ],
    null,
    2,
  );
  return [
    'email:',
    `  subject: ${JSON.stringify(template.subject)}`,
    'message: |',
    indent(message, 2),
    'slack:',
    '  attachments: |',
    indent(attachment, 4),
    '',
  ].join('\n');
}

/** `template.<name>` → YAML, for the 8 catalog templates. */
export const CATALOG_TEMPLATES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(templates).map(([name, template]) => [`template.${name}`, templateYaml(template)]),
);

/** The data of an argocd-notifications-cm holding the whole catalog. */
export function catalogConfigMapData(): Record<string, string> {
  return { ...CATALOG_TRIGGERS, ...CATALOG_TEMPLATES };
}
