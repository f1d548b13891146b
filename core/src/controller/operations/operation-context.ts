// Everything one step of an operation looks at: the destination's live cache,
// the desired manifests at the operation's revision (the commit recorded when
// the operation started, so a new commit mid-sync changes nothing), the live
// objects the app tracks, their comparison, and the planned tasks.
import {
  CLIENT_SIDE_APPLY_MANAGER,
  CLIENT_SIDE_APPLY_MIGRATION_MANAGER_ANNOTATION,
} from '../../sync/apply/client-side-apply-migration';
import {
  compareApp,
  compileDiffConfig,
  formatResourceKey,
  keepIgnoredLiveValues,
  resourceKeyOf,
  type AppComparison,
  type KubeObject,
} from '@driftless/diff';
import { type Application, type ApplicationSource, type OperationState } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type CompiledProject } from '../../projects/enforcement';
import { manifestRequestsFor, sourcesOf } from '../../repo/manifests/application-requests';
import { type ManifestRequest, type ManifestResponse } from '../../repo/manifests/manifest-request';
import { appInstanceName } from '../../repo/manifests/tracking';
import { DELETION_APPROVED_ANNOTATION, planSync } from '../../sync/plan-sync';
import { parseSyncOptions, SyncOptions } from '../../sync/sync-options';
import { type SyncTask } from '../../sync/sync-task';
import { keyOf, type CachedObject, type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';
import { gatherLive, loadLive } from '../refresh/live-objects';
import { type ControllerSettings, type RefreshPorts } from '../refresh/refresh-ports';

export interface OperationContext {
  cluster: ClusterDefinition;
  project: CompiledProject;
  cache: ClusterCache;
  settings: ControllerSettings;
  instance: string;
  desired: KubeObject[];
  gathered: CachedObject[];
  live: Map<string, LiveObject>;
  comparison: AppComparison;
  tasks: SyncTask[];
  options: SyncOptions;
  renders: ManifestResponse[];
  multiSource: boolean;
  sources: ApplicationSource[];
  /** Whose client-side-applied fields a server-side apply takes over; undefined with ClientSideApplyMigration=false. */
  clientSideApplyMigrationManager: string | undefined;
}

/** The app as the operation deploys it: its source(s) from the operation (rollback), at the operation's revision(s). */
export function operationApp(app: Application, state: OperationState): Application {
  const sync = state.operation.sync ?? {};
  const started = state.syncResult;
  if (app.spec.sources?.length) {
    const sources = (sync.sources?.length ? sync.sources : app.spec.sources).map((source, index) => {
      const revision = started?.revisions?.[index] || sync.revisions?.[index];
      return revision ? { ...source, targetRevision: revision } : source;
    });
    return { ...app, spec: { ...app.spec, sources } };
  }
  const source = sync.source ?? app.spec.source;
  const revision = started?.revision || sync.revision;
  return {
    ...app,
    spec: { ...app.spec, ...(source ? { source: revision ? { ...source, targetRevision: revision } : source } : {}) },
  };
}

/** The app with the operation's own source(s) (a rollback's), revisions untouched. */
function recordedSources(app: Application, state: OperationState): Application {
  const sync = state.operation.sync ?? {};
  if (app.spec.sources?.length)
    return sync.sources?.length ? { ...app, spec: { ...app.spec, sources: sync.sources } } : app;
  return sync.source ? { ...app, spec: { ...app.spec, source: sync.source } } : app;
}

/** Namespaced manifests get the destination namespace; cluster-scoped ones lose any namespace. */
function effectiveNamespaces(desired: readonly KubeObject[], cache: ClusterCache, namespace: string): KubeObject[] {
  return desired.map((object) => {
    const key = resourceKeyOf(object);
    const namespaced = cache.isNamespaced(key.group, key.kind) ?? true;
    const metadata = { ...(object.metadata as Record<string, unknown>) };
    if (namespaced && !metadata.namespace && namespace) metadata.namespace = namespace;
    else if (!namespaced) delete metadata.namespace;
    else return object;
    return { ...object, metadata } as KubeObject;
  });
}

export async function loadOperationContext(
  app: Application,
  state: OperationState,
  ports: RefreshPorts,
  target: {
    cluster: ClusterDefinition;
    project: CompiledProject;
    /** Renders the requests (the runner reuses an attempt's renders). */
    render: (requests: readonly ManifestRequest[]) => Promise<ManifestResponse[]>;
  },
): Promise<OperationContext> {
  const settings = await ports.settings();
  const cache = await ports.liveCache(target.cluster, settings);
  const deployed = operationApp(app, state);
  const requests = manifestRequestsFor(deployed, {
    destinationServer: target.cluster.server,
    kubeVersion: cache.kubeVersion,
    apiVersions: cache.apiVersions(),
    argocdCm: settings.argocdCm,
    // A sync deploys what the branch names now (Argo CD's noRevisionCache); later steps reuse the
    // attempt's renders, and a resumed attempt renders at the commit its syncResult recorded.
    noRevisionCache: true,
  });
  const renders = await target.render(requests);
  const destinationNamespace = app.spec.destination.namespace ?? '';
  const desired = effectiveNamespaces(
    renders.flatMap((render) => render.manifests as KubeObject[]),
    cache,
    destinationNamespace,
  );
  const instance = appInstanceName(
    { name: app.metadata.name ?? '', namespace: app.metadata.namespace ?? '' },
    ports.controlNamespace,
  );
  const gathered = gatherLive(cache, instance, desired, destinationNamespace);
  const loaded = await loadLive(cache, gathered);
  const liveObjects = loaded.cached.map((object) => loaded.objects.get(keyOf(object)) as LiveObject);
  const diffConfig = compileDiffConfig({
    ignoreDifferences: app.spec.ignoreDifferences ?? [],
    argocdCm: settings.argocdCm,
  });
  const comparison = compareApp({
    desired,
    live: liveObjects as never,
    destinationNamespace,
    isNamespaced: (group, kind) => cache.isNamespaced(group, kind),
    config: diffConfig,
  });
  const sync = state.operation.sync ?? {};
  const options = new SyncOptions(
    new Map([...parseSyncOptions(app.spec.syncPolicy?.syncOptions), ...parseSyncOptions(sync.syncOptions)]),
  );
  const live = new Map(liveObjects.map((object) => [formatResourceKey(resourceKeyOf(object as KubeObject)), object]));
  // RespectIgnoreDifferences=true: what the ignore rules name keeps its live value when applied.
  const applied = options.appEnabled('RespectIgnoreDifferences')
    ? desired.map((object) =>
        keepIgnoredLiveValues(object, live.get(formatResourceKey(resourceKeyOf(object))) as KubeObject, diffConfig),
      )
    : desired;
  const strategyApply = sync.syncStrategy?.apply !== undefined && sync.syncStrategy.hook === undefined;
  const approved = app.metadata.annotations?.[DELETION_APPROVED_ANNOTATION];
  const tasks = planSync({
    desired: applied,
    live: live as Map<string, KubeObject>,
    comparison,
    options,
    prune: Boolean(sync.prune),
    skipHooks: strategyApply || Boolean(sync.resources?.length),
    selected: sync.resources ?? [],
    destinationNamespace,
    destinationNamespaceExists:
      destinationNamespace === '' || cache.get('', 'Namespace', '', destinationNamespace) !== undefined,
    managedNamespaceMetadata: app.spec.syncPolicy?.managedNamespaceMetadata,
    revision: renders[0]?.revision ?? '',
    startedAt: state.startedAt,
    deletionApproved: approved !== undefined && Date.parse(approved) >= Date.parse(state.startedAt),
  });
  return {
    cluster: target.cluster,
    project: target.project,
    cache,
    settings,
    instance,
    desired,
    gathered: loaded.cached,
    live,
    comparison,
    tasks,
    options,
    renders,
    multiSource: Boolean(app.spec.sources?.length),
    // Recorded as the app (or a rollback) names them — `main`, not the commit it resolved to.
    sources: sourcesOf(recordedSources(app, state)),
    clientSideApplyMigrationManager: options.is('ClientSideApplyMigration', 'false')
      ? undefined
      : app.metadata.annotations?.[CLIENT_SIDE_APPLY_MIGRATION_MANAGER_ANNOTATION] || CLIENT_SIDE_APPLY_MANAGER,
  };
}
