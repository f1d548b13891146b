// The sync engine's writes to a destination cluster, with kubectl's meaning:
// client-side apply (three-way merge with the last-applied annotation, field
// manager kubectl-client-side-apply as kubectl's), server-side apply (field
// manager argocd-controller, force, after migrating a client-side applier's
// fields to it), replace, the
// delete-and-recreate of --force, hook creation that happens once per
// operation, and prune. Every write can be a server dry run. Messages are the
// lines kubectl prints (`deployment.apps/web configured`).
import { isBuiltInGroup, type KubeObject } from '@driftless/diff';
import { KubeHttpError } from '../../kube/kube-http';
import {
  CLIENT_SIDE_APPLY_MANAGER,
  migrateClientSideApplyFields,
  type ManagedFieldsEntry,
} from '../../sync/apply/client-side-apply-migration';
import { readLastApplied, threeWayApplyPatch, withLastApplied } from '../../sync/apply/three-way-patch';
import { HOOK_FINALIZER } from '../../sync/hooks';
import { kubectlName, type SyncTask } from '../../sync/sync-task';
import { collectionPath, objectPath, type ApiResourceType } from '../live-state/api-discovery';
import { type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';

export const FIELD_MANAGER = 'argocd-controller';
/** Marks a hook with the operation attempt that created it, so a restarted controller does not create it twice. */
export const HOOK_OPERATION_ANNOTATION = 'driftless.io/sync-operation';

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

/** Which object: enough to address it on the API server. */
export type ResourceIdentity = Pick<SyncTask, 'group' | 'version' | 'kind' | 'namespace' | 'name'>;

export interface WriteResult {
  message: string;
  /** The object as stored (absent for a dry run that was not asked to return it, or a delete). */
  object?: LiveObject;
}

export class ResourceWriteError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ResourceWriteError';
  }
}

/** The API server's own words, without the request line KubeHttp puts in front. */
export function apiMessage(error: unknown): string {
  if (error instanceof ResourceWriteError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return /: \d{3} (.*)$/s.exec(text)?.[1] ?? text;
}

function statusOf(error: unknown): number {
  return error instanceof KubeHttpError ? error.status : error instanceof ResourceWriteError ? error.status : 0;
}

export interface ResourceWriterOptions {
  /**
   * The client-side applier whose fields a server-side apply takes over first
   * (ClientSideApplyMigration); undefined turns the migration off.
   */
  clientSideApplyMigrationManager?: string | undefined;
}

export class ResourceWriter {
  constructor(
    private readonly cache: ClusterCache,
    private readonly options: ResourceWriterOptions = {},
  ) {}

  /** Applies a task's target (apply or hook). `operationId` marks hooks; `force` is the sync strategy's. */
  async apply(task: SyncTask, options: { dryRun: boolean; force: boolean; operationId: string }): Promise<WriteResult> {
    const target = task.target as KubeObject;
    const type = await this.typeFor(task);
    const query = this.query(task, options.dryRun);
    const suffix = options.dryRun ? ' (server dry run)' : '';
    const name = kubectlName(task);
    if (task.action === 'hook') return this.createHook(task, type, target, options, query, suffix);
    const force = options.force || task.options.enabled('Force');
    if (task.options.enabled('ServerSideApply')) {
      if (!options.dryRun) await this.migrateClientSideApply(task, type);
      const object = await this.cache.http.sendJson<LiveObject>(
        'PATCH',
        this.pathOf(type, task),
        target,
        'application/apply-patch+yaml',
        { ...query, fieldManager: FIELD_MANAGER, force: true },
      );
      return { message: `${name} serverside-applied${suffix}`, object };
    }
    if (task.options.enabled('Replace')) return this.replace(task, type, target, force, query, suffix);
    let live = (task.live ?? (await this.read(type, task))) as KubeObject | undefined;
    if (!live) {
      try {
        return await this.create(task, type, withLastApplied(target), query, suffix, 'created');
      } catch (error) {
        // Created meanwhile (another writer, a second controller acting on the same step): apply over it.
        if (statusOf(error) !== 409) throw error;
        live = (await this.read(type, task)) as KubeObject | undefined;
        if (!live) throw error;
      }
    }
    const patch = threeWayApplyPatch({
      original: readLastApplied(live),
      modified: withLastApplied(target),
      current: live,
      strategic: isBuiltInGroup(task.group),
    });
    if (!patch) return { message: `${name} unchanged${suffix}`, object: live };
    try {
      const object = await this.cache.http.sendJson<LiveObject>(
        'PATCH',
        this.pathOf(type, task),
        patch.patch,
        patch.patchType,
        query,
      );
      return { message: `${name} configured${suffix}`, object };
    } catch (error) {
      // kubectl apply --force: a change the API refuses (an immutable field) becomes delete and re-create;
      // a dry run cannot try that, so it says what would happen.
      if (!force || ![409, 422].includes(statusOf(error))) throw error;
      if (options.dryRun) return { message: `${name} replaced${suffix}` };
      await this.remove(type, task, 'Foreground', false);
      await this.waitUntilGone(type, task);
      return this.create(task, type, withLastApplied(target), query, suffix, 'replaced');
    }
  }

  /**
   * Moves the client-side applier's fields to argocd-controller's Apply entry, guarded by the
   * resourceVersion read: a concurrent write makes the patch fail (409) and the sync retry.
   */
  private async migrateClientSideApply(task: SyncTask, type: ApiResourceType): Promise<void> {
    const manager = this.options.clientSideApplyMigrationManager;
    if (!manager) return;
    const live = await this.read(type, task);
    const metadata = live?.metadata as { managedFields?: ManagedFieldsEntry[]; resourceVersion?: string } | undefined;
    if (!metadata?.managedFields) return;
    const migrated = migrateClientSideApplyFields(
      metadata.managedFields,
      manager,
      FIELD_MANAGER,
      new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    if (!migrated) return;
    await this.cache.http.sendJson<LiveObject>(
      'PATCH',
      this.pathOf(type, task),
      [
        { op: 'test', path: '/metadata/resourceVersion', value: metadata.resourceVersion },
        { op: 'replace', path: '/metadata/managedFields', value: migrated },
      ],
      'application/json-patch+json',
    );
  }

  /** Deletes a live object (prune, a hook's delete policy); a missing object counts as deleted. */
  async delete(task: ResourceIdentity, policy: PropagationPolicy, dryRun: boolean): Promise<void> {
    const type = await this.typeFor(task);
    await this.remove(type, task, policy, dryRun);
  }

  /** Lets a finished hook go: without the finalizer, its delete policy (or anyone) can remove it. */
  async releaseHook(task: ResourceIdentity): Promise<void> {
    const type = await this.typeFor(task);
    const live = await this.read(type, task);
    const finalizers = (live?.metadata as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    const index = finalizers.indexOf(HOOK_FINALIZER);
    if (index < 0) return;
    try {
      const object = await this.cache.http.sendJson<LiveObject>(
        'PATCH',
        this.pathOf(type, task),
        [
          { op: 'test', path: `/metadata/finalizers/${index}`, value: HOOK_FINALIZER },
          { op: 'remove', path: `/metadata/finalizers/${index}` },
        ],
        'application/json-patch+json',
      );
      this.cache.written(object);
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 422) throw error;
    }
  }

  /** Waits until a deleted object is gone (finalizers, foreground deletion of its dependents). */
  async waitUntilGone(type: ApiResourceType, task: ResourceIdentity, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (await this.read(type, task)) {
      if (Date.now() > deadline)
        throw new ResourceWriteError(`${kubectlName(task)} is still being deleted after ${timeoutMs / 1000} s`, 409);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The live object, read from the API server (not the cache). */
  async read(type: ApiResourceType, task: ResourceIdentity): Promise<LiveObject | undefined> {
    try {
      return await this.cache.http.getJson<LiveObject>(this.pathOf(type, task));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The API type of a task's kind; discovery runs again once when a CRD of this sync made it new. */
  async typeFor(task: Pick<SyncTask, 'group' | 'kind' | 'version'>): Promise<ApiResourceType> {
    let type = this.cache.typeOf(task.group, task.kind);
    if (!type) {
      await this.cache.refreshDiscovery();
      type = this.cache.typeOf(task.group, task.kind);
    }
    if (!type)
      throw new ResourceWriteError(
        `the server could not find the requested resource: ${task.group ? `${task.group}/` : ''}${task.kind} — is its CustomResourceDefinition installed (or synced in an earlier wave)?`,
        404,
      );
    const version = task.version.includes('/') ? task.version.slice(task.version.indexOf('/') + 1) : task.version;
    return version && version !== type.version ? { ...type, version } : type;
  }

  private pathOf(type: ApiResourceType, task: Pick<SyncTask, 'namespace' | 'name'>): string {
    return objectPath(type, task.namespace, task.name);
  }

  private query(task: SyncTask, dryRun: boolean): Record<string, string> {
    return {
      fieldManager: CLIENT_SIDE_APPLY_MANAGER,
      fieldValidation: task.options.is('Validate', 'false') ? 'Ignore' : 'Strict',
      ...(dryRun ? { dryRun: 'All' } : {}),
    };
  }

  private async create(
    task: SyncTask,
    type: ApiResourceType,
    body: KubeObject,
    query: Record<string, string>,
    suffix: string,
    verb: string,
  ): Promise<WriteResult> {
    const object = await this.cache.http.sendJson<LiveObject>(
      'POST',
      collectionPath(type, task.namespace),
      body,
      'application/json',
      query,
    );
    return { message: `${kubectlName(task)} ${verb}${suffix}`, object };
  }

  private async replace(
    task: SyncTask,
    type: ApiResourceType,
    target: KubeObject,
    force: boolean,
    query: Record<string, string>,
    suffix: string,
  ): Promise<WriteResult> {
    const live = await this.read(type, task);
    if (!live) return this.create(task, type, target, query, suffix, 'created');
    if (force && !query.dryRun) {
      await this.remove(type, task, 'Foreground', false);
      await this.waitUntilGone(type, task);
      return this.create(task, type, target, query, suffix, 'replaced');
    }
    const metadata = {
      ...(target.metadata as Record<string, unknown>),
      resourceVersion: live.metadata?.resourceVersion,
    };
    const object = await this.cache.http.sendJson<LiveObject>(
      'PUT',
      this.pathOf(type, task),
      { ...target, metadata },
      'application/json',
      query,
    );
    return { message: `${kubectlName(task)} replaced${suffix}`, object };
  }

  /**
   * A hook is created, never updated: it carries this operation attempt's id
   * and the hook finalizer. Finding it already there with the same id means an
   * earlier run of this step created it (the controller restarted): it is not
   * created twice. Left over from an earlier sync, it is an error unless the
   * hook deletes it first (BeforeHookCreation, handled by the caller).
   */
  private async createHook(
    task: SyncTask,
    type: ApiResourceType,
    target: KubeObject,
    options: { dryRun: boolean; operationId: string },
    query: Record<string, string>,
    suffix: string,
  ): Promise<WriteResult> {
    const metadata = target.metadata as Record<string, unknown>;
    const annotations = { ...((metadata.annotations as Record<string, string>) ?? {}) };
    annotations[HOOK_OPERATION_ANNOTATION] = options.operationId;
    const finalizers = [...new Set([...((metadata.finalizers as string[]) ?? []), HOOK_FINALIZER])];
    const body = { ...target, metadata: { ...metadata, annotations, finalizers } };
    try {
      return await this.create(task, type, body, query, suffix, 'created');
    } catch (error) {
      if (statusOf(error) !== 409 || options.dryRun) throw error;
      const live = await this.read(type, task);
      if (live?.metadata?.annotations?.[HOOK_OPERATION_ANNOTATION] === options.operationId)
        return { message: `${kubectlName(task)} created`, object: live };
      throw new ResourceWriteError(
        `${kubectlName(task)} already exists from an earlier sync — give the hook a generateName or the BeforeHookCreation delete policy`,
        409,
      );
    }
  }

  private async remove(
    type: ApiResourceType,
    task: ResourceIdentity,
    policy: PropagationPolicy,
    dryRun: boolean,
  ): Promise<void> {
    try {
      await this.cache.http.sendJson(
        'DELETE',
        this.pathOf(type, task),
        { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy },
        'application/json',
        dryRun ? { dryRun: 'All' } : {},
      );
      if (!dryRun) this.cache.deleted(task.group, task.kind, task.namespace, task.name);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}
