/** ApplicationSpec and the types it shares with Operation and the ApplicationSet template (inventory §1.1-1.4). */
import {
  applicationSource,
  applicationSourceDirectory,
  applicationSourceHelm,
  applicationSourceKustomize,
  applicationSourcePlugin,
  applicationSources,
} from './application-source.schema';
import { array, boolean, int64, object, type OpenApiSchema, string, stringList, stringMap } from './openapi';

export const applicationDestination = (description = 'Cluster and namespace to deploy to'): OpenApiSchema =>
  object(
    {
      server: string('API server URL of the cluster; mutually exclusive with name'),
      namespace: string('Namespace for namespaced resources that do not set one'),
      name: string('Name of the cluster (as registered in Argo CD); mutually exclusive with server'),
    },
    { description },
  );

export const retryStrategy = (): OpenApiSchema =>
  object(
    {
      limit: int64('Maximum number of retries; 0 means none, a negative number means unlimited'),
      backoff: object({
        duration: string('Base wait: a Go duration ("5s", "2m") or a bare number of seconds'),
        factor: int64('Multiplier applied to the wait after each failed retry'),
        maxDuration: string('Upper bound of the wait, as a Go duration'),
      }),
      refresh: boolean('Use the newest revision on retry instead of the initial one'),
    },
    { description: 'How to retry a failed sync' },
  );

export const syncPolicy = (): OpenApiSchema =>
  object(
    {
      automated: object(
        {
          prune: boolean('Delete resources that are no longer in the source'),
          selfHeal: boolean('Re-sync when the live state drifts from the source'),
          allowEmpty: boolean('With prune, allow syncing to zero resources'),
          enabled: boolean('Automated sync is on when this is unset or true'),
        },
        { description: 'Sync automatically when the application is OutOfSync' },
      ),
      syncOptions: stringList('Sync options as Key=Value, e.g. CreateNamespace=true'),
      retry: retryStrategy(),
      managedNamespaceMetadata: object(
        { labels: stringMap(), annotations: stringMap() },
        { description: 'Metadata for the namespace created by CreateNamespace=true' },
      ),
    },
    { description: 'When and how to sync' },
  );

export const resourceIgnoreDifferences = (): OpenApiSchema =>
  object(
    {
      group: string(),
      kind: string(),
      name: string(),
      namespace: string(),
      jsonPointers: stringList('RFC 6901 pointers of fields to ignore'),
      jqPathExpressions: stringList('jq path expressions of fields to ignore'),
      managedFieldsManagers: stringList('Ignore fields owned by these field managers'),
    },
    { required: ['kind'] },
  );

export const info = (): OpenApiSchema => object({ name: string(), value: string() }, { required: ['name', 'value'] });

/** The source fields a DrySource carries (no chart/ref/name). */
export const drySource = (): OpenApiSchema =>
  object(
    {
      repoURL: string(),
      targetRevision: string(),
      path: string(),
      helm: applicationSourceHelm(),
      kustomize: applicationSourceKustomize(),
      directory: applicationSourceDirectory(),
      plugin: applicationSourcePlugin(),
    },
    { required: ['path', 'repoURL', 'targetRevision'] },
  );

export const sourceHydrator = (): OpenApiSchema =>
  object(
    {
      drySource: drySource(),
      syncSource: object(
        { targetBranch: string(), path: string(), repoURL: string() },
        { required: ['path', 'targetBranch'] },
      ),
      hydrateTo: object({ targetBranch: string() }, { required: ['targetBranch'] }),
    },
    {
      required: ['drySource', 'syncSource'],
      description: 'Render manifests from drySource and commit them to syncSource',
    },
  );

export const applicationSpec = (): OpenApiSchema =>
  object(
    {
      source: applicationSource('Single source of manifests; ignored when sources is set'),
      sources: applicationSources('Multiple sources of manifests'),
      destination: applicationDestination(),
      project: string('AppProject the application belongs to ("default" exists in every install)'),
      syncPolicy: syncPolicy(),
      ignoreDifferences: array(resourceIgnoreDifferences(), 'Differences to ignore when comparing'),
      info: array(info(), 'Free-form information shown in the UI'),
      revisionHistoryLimit: int64('Number of history entries to keep (default 10)'),
      sourceHydrator: sourceHydrator(),
    },
    { required: ['destination', 'project'], description: 'Desired state of the application' },
  );

const syncStrategyForce = (description: string): OpenApiSchema =>
  object({ force: boolean('Delete and re-create resources that cannot be patched') }, { description });

export const syncOperation = (): OpenApiSchema =>
  object({
    revision: string('Revision to sync to; defaults to the spec revision'),
    prune: boolean(),
    dryRun: boolean(),
    syncStrategy: object({
      apply: syncStrategyForce('kubectl apply only, without hooks'),
      hook: syncStrategyForce('Run hooks (the default)'),
    }),
    resources: array(
      object({ group: string(), kind: string(), name: string(), namespace: string() }, { required: ['kind', 'name'] }),
      'Resources to sync (a selective sync)',
    ),
    source: applicationSource(),
    manifests: stringList(),
    syncOptions: stringList(),
    sources: applicationSources(),
    revisions: stringList(),
    autoHealAttemptsCount: int64(),
  });

export const operation = (description = 'A requested or running operation'): OpenApiSchema =>
  object(
    {
      sync: syncOperation(),
      initiatedBy: object({ username: string(), automated: boolean() }),
      info: array(info()),
      retry: retryStrategy(),
    },
    { description },
  );
