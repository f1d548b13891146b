/** ApplicationStatus as Argo CD's controller writes it (inventory §1.7). */
import { applicationSource, applicationSources } from './application-source.schema';
import { applicationDestination, drySource, operation, resourceIgnoreDifferences } from './application-spec.schema';
import { array, boolean, dateTime, int64, object, type OpenApiSchema, string, stringList, stringMap } from './openapi';

export const healthStatus = (): OpenApiSchema =>
  object({ status: string(), message: string(), lastTransitionTime: dateTime() });

export const resourceStatus = (): OpenApiSchema =>
  object({
    group: string(),
    version: string(),
    kind: string(),
    namespace: string(),
    name: string(),
    status: string('Sync status of the resource'),
    health: healthStatus(),
    hook: boolean(),
    requiresPruning: boolean(),
    syncWave: int64(),
    requiresDeletionConfirmation: boolean(),
  });

const syncStatus = (): OpenApiSchema =>
  object(
    {
      status: string('Synced, OutOfSync or Unknown'),
      comparedTo: object(
        {
          source: applicationSource(),
          destination: applicationDestination(),
          sources: applicationSources(),
          ignoreDifferences: array(resourceIgnoreDifferences()),
        },
        { required: ['destination'] },
      ),
      revision: string(),
      revisions: stringList(),
    },
    { required: ['status'] },
  );

const initiatedBy = (): OpenApiSchema => object({ username: string(), automated: boolean() });

const revisionHistory = (): OpenApiSchema =>
  object(
    {
      revision: string(),
      deployedAt: dateTime(),
      id: int64(),
      source: applicationSource(),
      deployStartedAt: dateTime(),
      sources: applicationSources(),
      revisions: stringList(),
      initiatedBy: initiatedBy(),
    },
    { required: ['deployedAt', 'id'] },
  );

const resourceResult = (): OpenApiSchema =>
  object(
    {
      group: string(),
      version: string(),
      kind: string(),
      namespace: string(),
      name: string(),
      status: string('Synced, SyncFailed, Pruned or PruneSkipped'),
      message: string(),
      hookType: string(),
      hookPhase: string(),
      syncPhase: string(),
      images: stringList(),
    },
    { required: ['group', 'kind', 'name', 'namespace', 'version'] },
  );

const operationState = (): OpenApiSchema =>
  object(
    {
      operation: operation(),
      phase: string('Running, Terminating, Failed, Error or Succeeded'),
      message: string(),
      syncResult: object(
        {
          resources: array(resourceResult()),
          revision: string(),
          source: applicationSource(),
          sources: applicationSources(),
          revisions: stringList(),
          managedNamespaceMetadata: object({ labels: stringMap(), annotations: stringMap() }),
        },
        { required: ['revision'] },
      ),
      startedAt: dateTime(),
      finishedAt: dateTime(),
      retryCount: int64(),
    },
    { required: ['operation', 'phase', 'startedAt'] },
  );

const hydratorSource = (): OpenApiSchema =>
  object({
    drySource: drySource(),
    syncSource: object(
      { targetBranch: string(), path: string(), repoURL: string() },
      { required: ['path', 'targetBranch'] },
    ),
    hydrateTo: object({ targetBranch: string() }, { required: ['targetBranch'] }),
  });

const sourceHydratorStatus = (): OpenApiSchema =>
  object({
    lastSuccessfulOperation: object({ drySHA: string(), hydratedSHA: string(), sourceHydrator: hydratorSource() }),
    currentOperation: object(
      {
        startedAt: dateTime(),
        finishedAt: dateTime(),
        phase: string('Hydrating, Failed or Hydrated'),
        message: string(),
        drySHA: string(),
        hydratedSHA: string(),
        sourceHydrator: hydratorSource(),
      },
      { required: ['message', 'phase'] },
    ),
    lastComparedDryRevision: string(),
  });

export const applicationStatus = (): OpenApiSchema =>
  object(
    {
      resources: array(resourceStatus()),
      sync: syncStatus(),
      health: healthStatus(),
      history: array(revisionHistory()),
      conditions: array(
        object(
          { type: string(), message: string(), lastTransitionTime: dateTime() },
          { required: ['message', 'type'] },
        ),
      ),
      reconciledAt: dateTime(),
      observedAt: dateTime('Deprecated'),
      operationState: operationState(),
      sourceType: string('Helm, Kustomize, Directory or Plugin'),
      sourceTypes: stringList(),
      summary: object({ externalURLs: stringList(), images: stringList(), isAppOfApps: boolean() }),
      resourceHealthSource: string('inline or appTree'),
      controllerNamespace: string(),
      sourceHydrator: sourceHydratorStatus(),
    },
    { description: 'Observed state, written by the controller' },
  );
