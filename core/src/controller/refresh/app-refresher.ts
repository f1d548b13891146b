// One refresh of one Application: validate the spec against its project and
// destination, get the desired manifests (from the repo-server, or the last
// render when only the live side changed), gather the live objects it tracks
// from the cluster cache, compare them with the diff engine, assess health in
// the health plugins, and say which status fields change.
//
// Work is skipped when its inputs did not change: the comparison and health
// of the previous refresh are reused when the renders, the live
// resourceVersions and every setting are the same, and a status-only change
// of a live object re-assesses the health of that object alone.
import { createHash } from 'node:crypto';
import {
  compareApp,
  compileDiffConfig,
  formatResourceKey as resourceId,
  type AppComparison,
  type DiffConfig,
} from '@driftless/diff';
import { type Application, type ApplicationStatus, type HealthStatusCode, type Operation } from '@driftless/schema';
import { autoSyncDecision } from '../../sync/auto-sync';
import { windowsVerdict } from '../operations/windows';
import { appInstanceName } from '../../repo/manifests/tracking';
import { manifestRequestsFor, sourcesOf } from '../../repo/manifests/application-requests';
import { type ManifestRequest, type ManifestResponse } from '../../repo/manifests/manifest-request';
import { keyOf, type CachedObject, type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';
import { appHealth } from '../status/app-health';
import { blocksComparison, mergeConditions, type NewCondition } from '../status/conditions';
import { resourceStatuses, type ResourceHealth } from '../status/resource-statuses';
import { statusPatch, type JsonPatchOperation, type RefreshStatus } from '../status/status-patch';
import { gatherLive, groupOf, loadLive, type LoadedLive } from './live-objects';
import { ApplicationValidator } from './validate-application';
import { projectResourceChecks } from './project-resources';
import { type ControllerSettings, type RefreshLevel, type RefreshPorts } from './refresh-ports';
import { collectImages } from './resource-tree';
import { sharedResourceConditions } from './shared-resources';
import { maskedAnnotationsOf } from '../tree/managed-resources';

const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
const IGNORE_HEALTHCHECK_ANNOTATION = 'argocd.argoproj.io/ignore-healthcheck';

/** What a refresh remembers of an app to skip work next time. */
interface AppMemo {
  specSignature: string;
  renders: { revisionKey: string; revision: string; sourceType: string }[];
  inputsSignature: string;
  liveVersions: Map<string, string>;
  comparison: AppComparison;
  health: Map<string, ResourceHealth | undefined>;
  /** Resources whose health does not count for the app (ignore-healthcheck, the app itself). */
  healthIgnored: Set<string>;
  syncWaves: Map<string, number>;
  /** What the diff engine could not apply (a jq rule stopped at its step budget, a bad last-applied annotation). */
  diffWarnings: string[];
}

export interface RefreshResult {
  operations: JsonPatchOperation[];
  status: RefreshStatus;
  /** syncPolicy.automated decided to sync: the operation to set. */
  autoSync?: Operation;
  /** A self-heal sync is due after this long (its back-off has not passed yet). */
  autoSyncAfterMs?: number;
  /** What the refresh did, for metrics and logs. */
  work: 'invalid' | 'error' | 'reused' | 'health' | 'compared';
}

export class AppRefresher {
  private readonly memos = new Map<string, AppMemo>();
  private readonly diffConfigs = new Map<string, DiffConfig>();
  private readonly validator: ApplicationValidator;

  constructor(private readonly ports: RefreshPorts) {
    this.validator = new ApplicationValidator(ports);
  }

  forget(appKey: string): void {
    this.memos.delete(appKey);
    this.ports.observer?.forgotten(appKey);
  }

  async refresh(app: Application, level: RefreshLevel, touch = false): Promise<RefreshResult> {
    const settings = await this.ports.settings();
    const now = this.ports.now();
    const appKey = `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
    const previous = app.status;
    const base = baseStatus(app, this.ports.controlNamespace);
    const fail = (conditions: NewCondition[], work: RefreshResult['work']): RefreshResult => {
      this.memos.delete(appKey);
      const status: RefreshStatus = {
        ...base,
        sync: { ...base.sync, status: 'Unknown' },
        health: withTransition(previous, { status: 'Unknown' }, now),
        resources: previous?.resources ?? [],
        conditions: mergeConditions(previous?.conditions, conditions, now),
      };
      return {
        operations: statusPatch(previous, status, { now, touch, resourceVersion: app.metadata.resourceVersion }),
        status,
        work,
      };
    };

    const validation = this.validator.validate(app);
    if (!validation.cluster || !validation.project || blocksComparison(validation.conditions))
      return fail(validation.conditions, 'invalid');
    const { cluster, project } = validation;

    let cache: ClusterCache;
    try {
      cache = await this.ports.liveCache(cluster, settings);
    } catch (error) {
      return fail([{ type: 'ComparisonError', message: `Failed to load live state: ${messageOf(error)}` }], 'error');
    }

    const specSignature = signature([app.spec, cluster, settings.argocdCm, validation.projectVersion]);
    const memo = this.memos.get(appKey);
    let renders: ManifestResponse[];
    try {
      const requests = manifestRequestsFor(app, {
        destinationServer: cluster.server,
        kubeVersion: cache.kubeVersion,
        apiVersions: cache.apiVersions(),
        argocdCm: settings.argocdCm,
        ...(level === 'hard' ? { noCache: true, noRevisionCache: true } : {}),
      });
      const reusable =
        memo?.specSignature === specSignature ? await this.reusableRenders(memo, level, requests) : undefined;
      renders = reusable ?? (await Promise.all(requests.map((request) => this.ports.generate(request))));
    } catch (error) {
      return fail([{ type: 'ComparisonError', message: `Failed to load target state: ${messageOf(error)}` }], 'error');
    }

    const instance = appInstanceName(
      { name: app.metadata.name ?? '', namespace: app.metadata.namespace ?? '' },
      this.ports.controlNamespace,
    );
    const desired = renders.flatMap((render) => render.manifests) as LiveObject[];
    const destinationNamespace = app.spec.destination.namespace ?? '';
    const gathered = gatherLive(cache, instance, desired, destinationNamespace);
    const checks = projectResourceChecks({
      project,
      cluster,
      cache,
      desired,
      live: gathered,
      destinationNamespace,
      isKnownApplication: (name) => this.ports.isKnownInstance(name),
    });
    // As in Argo CD, live objects the project does not permit are not part of the comparison.
    const live = gathered.filter((object) => !checks.forbiddenLive.has(keyOf(object)));
    const conditions: NewCondition[] = [
      ...validation.conditions,
      ...sharedResourceConditions(live, instance, appKey),
      ...unknownKinds(desired, cache),
      ...checks.conditions,
    ];
    const inputsSignature = signature([
      specSignature,
      renders.map((render) => render.revisionKey),
      live.map((object) => `${keyOf(object)}@${object.resourceVersion}`),
    ]);

    let work: RefreshResult['work'];
    let current: AppMemo;
    if (memo && memo.inputsSignature === inputsSignature) {
      current = memo;
      work = 'reused';
    } else if (memo && level === 'health' && memo.specSignature === specSignature && sameRenders(memo, renders)) {
      current = await this.reassessHealth(memo, cache, live, settings, inputsSignature);
      work = 'health';
    } else {
      const loaded = await loadLive(cache, live);
      current = await this.compare(desired, loaded, destinationNamespace, cache, app, settings, specSignature, renders);
      current.inputsSignature = inputsSignature;
      work = 'compared';
    }
    this.memos.set(appKey, current);

    for (const error of current.comparison.errors) conditions.push({ type: 'ComparisonError', message: error });
    for (const warning of current.diffWarnings) conditions.push({ type: 'ComparisonError', message: warning });
    for (const duplicate of current.comparison.duplicates)
      conditions.push({ type: 'RepeatedResourceWarning', message: duplicate.message });
    const resources = resourceStatuses(current.comparison, current.health, current.syncWaves);
    const health = appHealth(
      current.comparison.resources.map((resource) => ({
        hook: resource.hook,
        liveMissing: resource.liveMissing,
        ignored: current.healthIgnored.has(resourceId(resource)),
        childApplication: resource.group === 'argoproj.io' && resource.kind === 'Application',
        health: current.health.get(resourceId(resource)),
      })),
    );
    const revisions = renders.map((render) => render.revision);
    const multiSource = Boolean(app.spec.sources?.length);
    const images = collectImages(cache, live);
    const auto = autoSyncDecision({
      app,
      syncStatus: current.comparison.status,
      resources,
      revisions,
      multiSource,
      now: new Date(now),
      selfHeal: this.ports.selfHeal,
      windows: windowsVerdict(app, this.ports.project(app.spec.project || 'default'), {
        manual: false,
        now: new Date(now),
      }),
    });
    if (auto.kind === 'error') conditions.push({ type: 'SyncError', message: auto.message });
    this.ports.observer?.refreshed(appKey, {
      cache,
      roots: live,
      health: current.health,
      ...(checks.orphans ? { orphans: checks.orphans } : {}),
    });
    const status: RefreshStatus = {
      ...base,
      sync: {
        ...base.sync,
        status: current.comparison.status,
        ...(multiSource ? { revisions } : { revision: revisions[0] ?? '' }),
      },
      health: withTransition(previous, health, now),
      resources,
      conditions: mergeConditions(previous?.conditions, conditions, now),
      ...summaryWith(previous?.summary, images),
      ...(multiSource
        ? { sourceTypes: renders.map((render) => render.sourceType as never) }
        : { sourceType: (renders[0]?.sourceType ?? 'Directory') as never }),
    };
    return {
      operations: statusPatch(previous, status, { now, touch, resourceVersion: app.metadata.resourceVersion }),
      status,
      work,
      ...(auto.kind === 'sync' ? { autoSync: auto.operation } : {}),
      ...(auto.kind === 'later' ? { autoSyncAfterMs: auto.afterMs } : {}),
    };
  }

  /**
   * The previous renders, when they still are what Git says: always for a
   * live-side refresh (health, compare); for a full refresh only when every
   * source's target revision still resolves to the rendered commit (the
   * repo-server publishes its recent resolutions) — then no generation job is
   * needed. Ref sources ($values) are not tracked that way: such apps ask.
   */
  private async reusableRenders(
    memo: AppMemo,
    level: RefreshLevel,
    requests: readonly ManifestRequest[],
  ): Promise<ManifestResponse[] | undefined> {
    if (level === 'health' || level === 'compare') return this.cachedRenders(memo);
    if (level !== 'full' || requests.some((request) => request.refSources?.length)) return undefined;
    if (requests.length !== memo.renders.length) return undefined;
    const resolved = await this.ports.resolvedRevisions(requests.map((request) => request.source));
    if (resolved.some((revision, index) => revision === undefined || revision !== memo.renders[index]?.revision))
      return undefined;
    return this.cachedRenders(memo);
  }

  private async cachedRenders(memo: AppMemo): Promise<ManifestResponse[] | undefined> {
    const renders = await Promise.all(memo.renders.map((render) => this.ports.cachedRender(render.revisionKey)));
    return renders.every((render): render is ManifestResponse => render !== undefined) ? renders : undefined;
  }

  private async compare(
    desired: LiveObject[],
    live: LoadedLive,
    destinationNamespace: string,
    cache: ClusterCache,
    app: Application,
    settings: ControllerSettings,
    specSignature: string,
    renders: ManifestResponse[],
  ): Promise<AppMemo> {
    const comparison = compareApp({
      desired: desired as never,
      live: live.cached.map((object) => live.objects.get(keyOf(object))) as never,
      destinationNamespace,
      isNamespaced: (group, kind) => cache.isNamespaced(group, kind),
      config: this.diffConfig(app, settings),
    });
    this.ports.observer?.compared(`${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`, {
      comparison,
      desired,
      live: live.objects,
      destinationNamespace,
      isNamespaced: (group, kind) => cache.isNamespaced(group, kind),
      maskedAnnotations: maskedAnnotationsOf(settings.argocdCm),
    });
    const liveByKey = new Map(live.cached.map((object) => [keyOf(object), object]));
    const toAssess = comparison.resources.filter(
      (resource) => !resource.hook && !resource.liveMissing && liveByKey.has(resourceId(resource)),
    );
    const assessments = await this.ports.assessHealth(
      toAssess.map((resource) => live.objects.get(resourceId(resource)) as LiveObject),
      settings.resourceOverrides,
    );
    const health = new Map<string, ResourceHealth | undefined>();
    toAssess.forEach((resource, index) => health.set(resourceId(resource), assessments[index]));
    const healthIgnored = new Set<string>();
    for (const cached of live.cached) {
      const id = keyOf(cached);
      const object = live.objects.get(id) as LiveObject;
      const sameApp =
        object.kind === 'Application' &&
        object.metadata?.name === app.metadata.name &&
        object.metadata?.namespace === app.metadata.namespace;
      if (sameApp || object.metadata?.annotations?.[IGNORE_HEALTHCHECK_ANNOTATION] === 'true') healthIgnored.add(id);
    }
    const syncWaves = new Map<string, number>();
    for (const manifest of desired) {
      const wave = Number(manifest.metadata?.annotations?.[SYNC_WAVE_ANNOTATION]);
      if (Number.isFinite(wave) && wave !== 0) {
        const match = comparison.resources.find(
          (resource) => resource.name === manifest.metadata?.name && resource.kind === manifest.kind,
        );
        if (match) syncWaves.set(resourceId(match), wave);
      }
    }
    return {
      specSignature,
      renders: renders.map(({ revisionKey, revision, sourceType }) => ({ revisionKey, revision, sourceType })),
      inputsSignature: '',
      liveVersions: new Map(live.cached.map((object) => [keyOf(object), object.resourceVersion])),
      // The diffs themselves are not kept: they hold whole objects, and the status needs none of it.
      comparison: { ...comparison, resources: comparison.resources.map((resource) => ({ ...resource, diff: null })) },
      health,
      healthIgnored,
      syncWaves,
      diffWarnings: comparison.resources.flatMap((resource) =>
        (resource.diff?.warnings ?? []).map((warning) => `${resourceId(resource)}: ${warning}`),
      ),
    };
  }

  private async reassessHealth(
    memo: AppMemo,
    cache: ClusterCache,
    live: readonly CachedObject[],
    settings: ControllerSettings,
    inputsSignature: string,
  ): Promise<AppMemo> {
    const changed = live.filter((object) => memo.liveVersions.get(keyOf(object)) !== object.resourceVersion);
    const loaded = await loadLive(
      cache,
      changed.filter((object) => memo.health.has(keyOf(object))),
    );
    const tracked = loaded.cached;
    const assessments = await this.ports.assessHealth(
      tracked.map((object) => loaded.objects.get(keyOf(object)) as LiveObject),
      settings.resourceOverrides,
    );
    const health = new Map(memo.health);
    tracked.forEach((object, index) => health.set(keyOf(object), assessments[index]));
    const liveVersions = new Map(memo.liveVersions);
    for (const object of changed) liveVersions.set(keyOf(object), object.resourceVersion);
    return { ...memo, health, liveVersions, inputsSignature };
  }

  private diffConfig(app: Application, settings: ControllerSettings): DiffConfig {
    const key = JSON.stringify([app.spec.ignoreDifferences ?? null, settings.argocdCm]);
    let config = this.diffConfigs.get(key);
    if (!config) {
      config = compileDiffConfig({ ignoreDifferences: app.spec.ignoreDifferences ?? [], argocdCm: settings.argocdCm });
      if (this.diffConfigs.size > 1000) this.diffConfigs.clear();
      this.diffConfigs.set(key, config);
    }
    return config;
  }
}

/** A short digest: memos of ten thousand apps keep these, not the texts they digest. */
function signature(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

function sameRenders(memo: AppMemo, renders: ManifestResponse[]): boolean {
  return (
    memo.renders.length === renders.length &&
    memo.renders.every((render, index) => render.revisionKey === renders[index]?.revisionKey)
  );
}

/** Manifests of kinds the cluster does not serve, or that could not be listed there. */
function unknownKinds(desired: readonly LiveObject[], cache: ClusterCache): NewCondition[] {
  const messages = new Set<string>();
  for (const manifest of desired) {
    const group = groupOf(manifest.apiVersion);
    const kind = `${manifest.apiVersion ?? ''}/${manifest.kind ?? ''}`;
    if (cache.isNamespaced(group, manifest.kind ?? '') === undefined)
      messages.add(
        `The Kubernetes API could not find ${kind} for requested resource — make sure the "${kind}" CRD is installed on the destination cluster`,
      );
    const problem = cache.problemWith(group, manifest.kind ?? '');
    if (problem) messages.add(`${problem} — the live state of ${kind} is unknown; grant list and watch on it`);
  }
  return [...messages].map((message) => ({ type: 'ComparisonError', message }));
}

function baseStatus(
  app: Application,
  controlNamespace: string,
): RefreshStatus & { sync: NonNullable<RefreshStatus['sync']> } {
  const multiSource = Boolean(app.spec.sources?.length);
  return {
    sync: {
      status: 'Unknown',
      comparedTo: {
        destination: app.spec.destination,
        ...(multiSource ? { sources: sourcesOf(app) } : app.spec.source ? { source: app.spec.source } : {}),
        ...(app.spec.ignoreDifferences?.length ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
      },
    },
    controllerNamespace: controlNamespace,
  };
}

function withTransition(
  previous: ApplicationStatus | undefined,
  health: { status: HealthStatusCode; message?: string },
  now: string,
): NonNullable<RefreshStatus['health']> {
  const same = previous?.health?.status === health.status;
  return { ...health, lastTransitionTime: same ? (previous.health?.lastTransitionTime ?? now) : now };
}

function summaryWith(previous: RefreshStatus['summary'], images: string[]): Pick<RefreshStatus, 'summary'> {
  const { images: _images, ...rest } = previous ?? {};
  const summary = images.length ? { ...rest, images } : rest;
  return Object.keys(summary).length ? { summary } : {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
