// The semantics of the Kubernetes API for one cluster, without HTTP: create,
// read, update, patch, delete and watch with the server-side rules (uids,
// generations, optimistic concurrency, finalizers, field ownership, dry run).
// The HTTP shell and the simulated controllers both go through it.
import { randomUUID } from 'node:crypto';
import { applyPatch as applyJsonPatch, type Operation } from 'fast-json-patch';
import { applyMergePatch } from '../patch/merge-patch';
import { builtinMergeSchema, mergeSchemaFromOpenApi, type MergeSchema } from '../patch/schema';
import { serverSideApply, trackUpdate } from '../patch/server-side-apply';
import { applyStrategicMergePatch } from '../patch/strategic-merge';
import { establishCrd } from '../registry/crd-lifecycle';
import { pruneUnknownBuiltinFields } from '../registry/builtin-fields';
import { validateCustomObject } from '../registry/crd-schema';
import { applyDefaults, initialStatus } from '../registry/defaults';
import { apiVersionOf, storageKey, type ResourceType } from '../registry/resource-type';
import { TypeRegistry } from '../registry/type-registry';
import { validateImmutable, validateName, validateObject } from '../registry/validation';
import { deepClone, deepEqual, isPlainObject, type KubeObject, text } from '../store/kube-object';
import { ObjectStore, type StoreWatch, type WatchSink } from '../store/object-store';
import { OwnerIndex } from '../store/owner-index';
import { parseFieldSelector, parseLabelSelector } from '../store/selectors';
import { clientSideApplyTakeover, parseApplyBody, randomSuffix } from './apply-body';
import { decodeContinue, encodeContinue } from './continue-token';
import { isNoOp, specChanged } from './object-diff';
import { writePath } from './object-path';
import { scaleView } from './scale';
import { ApiError, errors } from './status';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';
export type Subresource = 'status' | 'scale';
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface WriteOptions {
  dryRun?: boolean;
  /** Strict refuses fields the kind does not have; otherwise they are dropped (Warn's header is not sent). */
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  force?: boolean;
  subresource?: Subresource;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Kinds whose metadata.generation counts spec changes (all custom resources do too). */
const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'NetworkPolicy',
  'HorizontalPodAutoscaler',
  'CustomResourceDefinition',
  'PodDisruptionBudget',
]);
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

const namespaceType = (types: TypeRegistry): ResourceType => types.byKind('', 'Namespace') as ResourceType;

export class ClusterApi {
  readonly owners: OwnerIndex;

  constructor(
    readonly store: ObjectStore,
    readonly types: TypeRegistry = new TypeRegistry(),
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.owners = new OwnerIndex(store);
  }

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
  }

  get(type: ResourceType, namespace: string | undefined, name: string, version?: string): KubeObject {
    const object = this.store.get(storageKey(type), this.scope(type, namespace), name);
    if (!object) throw errors.notFound(type.plural, type.group, name);
    return this.asVersion(type, object, version);
  }

  tryGet(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(storageKey(type), this.scope(type, namespace), name);
  }

  list(type: ResourceType, namespace: string | undefined, query: ListQuery = {}, version?: string): ListResult {
    const labelMatch = parseLabelSelector(query.labelSelector);
    const fieldMatch = parseFieldSelector(query.fieldSelector);
    let items = this.store.list(storageKey(type), this.scope(type, namespace));
    if (query.labelSelector || query.fieldSelector)
      items = items.filter((item) => labelMatch(item) && fieldMatch(item));
    let revision = this.store.revision;
    if (query.continue) {
      const token = decodeContinue(query.continue);
      if (token.revision < this.store.oldestWatchableRevision) {
        throw errors.gone(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      revision = token.revision;
      items = items.filter((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}` > token.after);
    }
    const result: ListResult = { items, resourceVersion: String(revision) };
    if (query.limit !== undefined && query.limit > 0 && items.length > query.limit) {
      result.items = items.slice(0, query.limit);
      const last = result.items[result.items.length - 1];
      result.continue = encodeContinue(revision, `${last?.metadata.namespace ?? ''}/${last?.metadata.name ?? ''}`);
      result.remainingItemCount = items.length - query.limit;
    }
    if (version && type.versions.length > 1)
      result.items = result.items.map((item) => this.asVersion(type, item, version));
    return result;
  }

  watch(
    type: ResourceType,
    namespace: string | undefined,
    query: ListQuery & { resourceVersion?: string },
    sink: WatchSink,
  ): StoreWatch {
    const labelMatch = parseLabelSelector(query.labelSelector);
    const fieldMatch = parseFieldSelector(query.fieldSelector);
    const revision = query.resourceVersion ? Number(query.resourceVersion) : undefined;
    if (revision !== undefined && !Number.isInteger(revision))
      throw errors.badRequest(`invalid resourceVersion "${query.resourceVersion}"`);
    const scoped = this.scope(type, namespace);
    return this.store.watch(
      {
        key: storageKey(type),
        ...(scoped !== undefined ? { namespace: scoped } : {}),
        ...(query.labelSelector || query.fieldSelector
          ? { matches: (object: KubeObject) => labelMatch(object) && fieldMatch(object) }
          : {}),
      },
      revision,
      sink,
    );
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
    version?: string,
  ): KubeObject {
    const object = this.checkBody(type, body, version);
    const scoped = this.scope(type, namespace);
    if (type.namespaced) {
      if (object.metadata.namespace !== undefined && scoped !== undefined && object.metadata.namespace !== scoped) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = scoped ?? object.metadata.namespace ?? 'default';
      this.checkNamespaceOpen(object.metadata.namespace);
    } else {
      delete object.metadata.namespace;
    }
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${randomSuffix()}`;
    }
    const causes = validateName(type.kind, object.metadata.name ?? '');
    if (causes.length > 0) throw errors.invalid(type.kind, type.group, object.metadata.name ?? '', causes);
    if (this.store.get(storageKey(type), object.metadata.namespace, object.metadata.name ?? '')) {
      throw errors.alreadyExists(type.plural, type.group, object.metadata.name ?? '');
    }
    return this.write(type, undefined, object, options, version);
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
    version?: string,
  ): KubeObject {
    const previous = this.get(type, namespace, name);
    const subresource = options.subresource;
    if (subresource === 'scale') return this.updateScale(type, previous, body, options);
    const incoming = subresource === 'status' ? (body as KubeObject) : this.checkBody(type, body, version);
    if (!isPlainObject(incoming) || !isPlainObject(incoming.metadata))
      throw errors.badRequest('the request body must be a Kubernetes object with metadata');
    if (incoming.metadata.name !== undefined && incoming.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(incoming.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    this.checkResourceVersion(type, previous, incoming.metadata.resourceVersion);
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...deepClone(previous), status: deepClone(incoming.status) };
      if (incoming.status === undefined) delete next.status;
    } else {
      next = deepClone(incoming);
      if (type.statusSubresource) {
        if (previous.status === undefined) delete next.status;
        else next.status = deepClone(previous.status);
      }
    }
    return this.write(type, previous, next, options, version);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    rawBody: string,
    options: WriteOptions = {},
    version?: string,
  ): KubeObject {
    if (patchType === 'apply') return this.apply(type, namespace, name, rawBody, options, version);
    const previous = this.get(type, namespace, name, version);
    const view = options.subresource === 'scale' ? this.scaleOf(type, previous) : previous;
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      throw errors.badRequest(`error decoding patch: ${(error as Error).message}`);
    }
    let patched: unknown;
    switch (patchType) {
      case 'json':
        if (!Array.isArray(body)) throw errors.badRequest('json patch must be a JSON array of operations');
        try {
          patched = applyJsonPatch(deepClone(view), body as Operation[], true, false).newDocument;
        } catch (error) {
          throw new ApiError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request: ${(error as Error).message.split('\n')[0] ?? ''}`,
          );
        }
        break;
      case 'merge':
        if (!isPlainObject(body)) throw errors.badRequest('merge patch must be a JSON object');
        patched = applyMergePatch(deepClone(view), body);
        break;
      case 'strategic':
        if (type.crdName)
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            'the body of the request was in an unknown format - strategic merge patch is not supported for custom resources; use application/merge-patch+json or application/apply-patch+yaml',
          );
        if (!isPlainObject(body)) throw errors.badRequest('strategic merge patch must be a JSON object');
        patched = applyStrategicMergePatch(deepClone(view), body, this.mergeSchema(type, version));
        break;
    }
    if (!isPlainObject(patched)) throw new ApiError(422, 'Invalid', 'the patched object is not a JSON object');
    const metadata = isPlainObject(patched.metadata) ? patched.metadata : {};
    const requested = metadata.resourceVersion;
    if (requested !== undefined && requested !== previous.metadata.resourceVersion) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    return this.update(type, namespace, name, patched, options, version);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const current = this.get(type, namespace, name);
    const preconditions = options.preconditions ?? {};
    if (preconditions.uid && preconditions.uid !== current.metadata.uid) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
      );
    }
    if (preconditions.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`,
      );
    }
    if (type.kind === 'Namespace' && SYSTEM_NAMESPACES.has(name)) {
      throw errors.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    if (options.dryRun) return current;
    const next = deepClone(current);
    const finalizers = [...(next.metadata.finalizers ?? [])];
    const uid = current.metadata.uid ?? '';
    const policy = options.propagationPolicy ?? 'Background';
    if (policy === 'Orphan') this.orphanDependents(uid);
    if (type.kind === 'Namespace') {
      if (current.metadata.deletionTimestamp) return current;
      next.metadata.deletionTimestamp = this.now();
      next.metadata.deletionGracePeriodSeconds = 0;
      next.status = { ...(isPlainObject(next.status) ? next.status : {}), phase: 'Terminating' };
      return this.store.put(storageKey(type), next);
    }
    if (
      policy === 'Foreground' &&
      this.owners.dependentsOf(uid).length > 0 &&
      !finalizers.includes('foregroundDeletion')
    ) {
      finalizers.push('foregroundDeletion');
    }
    if (finalizers.length === 0) {
      const removed = this.store.remove(storageKey(type), current.metadata.namespace, name) ?? current;
      if (type.crdName === undefined && type.kind === 'CustomResourceDefinition') this.dropCustomResources(current);
      return removed;
    }
    if (current.metadata.deletionTimestamp && deepEqual(finalizers, current.metadata.finalizers ?? [])) return current;
    next.metadata.finalizers = finalizers;
    next.metadata.deletionTimestamp ??= this.now();
    next.metadata.deletionGracePeriodSeconds ??= 0;
    return this.store.put(storageKey(type), next);
  }

  deleteCollection(
    type: ResourceType,
    namespace: string | undefined,
    query: ListQuery,
    options: DeleteOptions = {},
  ): KubeObject[] {
    const { items } = this.list(type, namespace, {
      ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
      ...(query.fieldSelector ? { fieldSelector: query.fieldSelector } : {}),
    });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      try {
        deleted.push(this.delete(type, item.metadata.namespace, item.metadata.name ?? '', options));
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
    return deleted;
  }

  /** The merge schema for strategic merge and server-side apply of a type. */
  mergeSchema(type: ResourceType, version?: string): MergeSchema {
    if (!type.crdName) return builtinMergeSchema(type.kind);
    return mergeSchemaFromOpenApi(type.schemas?.[version ?? type.versions[0] ?? '']);
  }

  /** Scale subresource view (autoscaling/v1 Scale) of an object. */
  scaleOf(type: ResourceType, object: KubeObject): KubeObject {
    return scaleView(type, object);
  }

  private updateScale(type: ResourceType, previous: KubeObject, body: unknown, options: WriteOptions): KubeObject {
    const scale = type.scaleSubresource;
    if (!scale) throw errors.notFound(`${type.plural}/scale`, type.group, previous.metadata.name ?? '');
    if (!isPlainObject(body) || !isPlainObject(body.spec))
      throw errors.badRequest('a Scale object with spec.replicas is required');
    const metadata = isPlainObject(body.metadata) ? body.metadata : {};
    this.checkResourceVersion(type, previous, metadata.resourceVersion);
    const replicas = body.spec.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid('Scale', 'autoscaling', previous.metadata.name ?? '', [
        {
          field: 'spec.replicas',
          message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
        },
      ]);
    }
    const next = deepClone(previous);
    writePath(next, scale.specReplicasPath, replicas);
    const written = this.write(type, previous, next, { ...options, subresource: 'scale' });
    return this.scaleOf(type, written);
  }

  private apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    rawBody: string,
    options: WriteOptions,
    version?: string,
  ): KubeObject {
    if (!options.fieldManager) throw errors.badRequest('PATCH request with apply type requires fieldManager');
    const applied = parseApplyBody(rawBody);
    const checked = this.checkBody(type, applied, version, true);
    if (checked.metadata.name !== undefined && checked.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(checked.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    if (type.statusSubresource && options.subresource !== 'status') delete checked.status;
    const current = this.tryGet(type, namespace, name);
    if (current) this.checkResourceVersion(type, current, checked.metadata.resourceVersion);
    const apiVersion = apiVersionOf(type.group, version ?? type.versions[0] ?? 'v1');
    const result = serverSideApply({
      current: current ? this.asVersion(type, current, version) : undefined,
      applied: checked,
      manager: options.fieldManager,
      force: options.force ?? false,
      schema: this.mergeSchema(type, version),
      apiVersion,
      now: this.now(),
      ...(options.subresource ? { subresource: options.subresource } : {}),
      takeOver: clientSideApplyTakeover(current, this.mergeSchema(type, version)),
    });
    const merged = result.object as KubeObject;
    merged.metadata = { ...merged.metadata, name, managedFields: result.managedFields };
    if (!current) {
      if (type.namespaced) merged.metadata.namespace = this.scope(type, namespace) ?? 'default';
      return this.create(type, merged.metadata.namespace, merged, { ...options, fieldManager: '' }, version);
    }
    if (options.subresource === 'status' && type.statusSubresource) {
      return this.write(
        type,
        current,
        {
          ...deepClone(current),
          status: merged.status,
          metadata: { ...current.metadata, managedFields: result.managedFields },
        },
        { ...options, fieldManager: '' },
        version,
      );
    }
    if (type.statusSubresource) merged.status = deepClone(current.status);
    return this.write(type, current, merged, { ...options, fieldManager: '' }, version);
  }

  /**
   * The one place a new object version is produced: server-owned metadata,
   * generation, managedFields, validation, no-op detection, finalization and
   * dry run.
   */
  private write(
    type: ResourceType,
    previous: KubeObject | undefined,
    next: KubeObject,
    options: WriteOptions,
    version?: string,
  ): KubeObject {
    const key = storageKey(type);
    const apiVersion = apiVersionOf(type.group, version ?? type.versions[0] ?? 'v1');
    next.apiVersion = apiVersion;
    next.kind = type.kind;
    const unknownFields = type.crdName ? [] : pruneUnknownBuiltinFields(next);
    const metadata = next.metadata;
    if (previous) {
      metadata.name = previous.metadata.name ?? '';
      if (previous.metadata.namespace !== undefined) metadata.namespace = previous.metadata.namespace;
      metadata.uid = previous.metadata.uid ?? '';
      metadata.creationTimestamp = previous.metadata.creationTimestamp ?? this.now();
      if (previous.metadata.deletionTimestamp) {
        metadata.deletionTimestamp = previous.metadata.deletionTimestamp;
        metadata.deletionGracePeriodSeconds = previous.metadata.deletionGracePeriodSeconds ?? 0;
      } else {
        delete metadata.deletionTimestamp;
        delete metadata.deletionGracePeriodSeconds;
      }
      if (previous.metadata.generation !== undefined) metadata.generation = previous.metadata.generation;
      else delete metadata.generation;
      if (metadata.generation !== undefined && specChanged(type, previous, next)) metadata.generation += 1;
    } else {
      metadata.uid = randomUUID();
      metadata.creationTimestamp = this.now();
      delete metadata.deletionTimestamp;
      delete metadata.deletionGracePeriodSeconds;
      if (GENERATION_KINDS.has(type.kind) || type.crdName) metadata.generation = 1;
      else delete metadata.generation;
      if (type.statusSubresource && !type.crdName) {
        const status = initialStatus(next);
        if (status) next.status = status;
        else delete next.status;
      } else if (type.statusSubresource) {
        delete next.status;
      }
    }
    delete metadata.resourceVersion;
    delete metadata.selfLink;
    if (!type.crdName) applyDefaults(next);
    const requestedFields = metadata.managedFields;
    const overridesFields =
      previous !== undefined &&
      requestedFields !== undefined &&
      requestedFields.length > 0 &&
      !deepEqual(requestedFields, previous.metadata.managedFields);
    if (overridesFields) {
      // A client that rewrites managedFields (kubectl's client-side → server-side
      // apply migration, or [{}] to clear them) gets exactly what it wrote.
      metadata.managedFields = requestedFields.filter((entry) => isPlainObject(entry) && Object.keys(entry).length > 0);
    } else if (options.fieldManager) {
      metadata.managedFields = trackUpdate(
        previous,
        next,
        options.fieldManager,
        apiVersion,
        this.mergeSchema(type, version),
        this.now(),
        options.subresource,
      );
    } else if (!metadata.managedFields && previous?.metadata.managedFields) {
      metadata.managedFields = previous.metadata.managedFields;
    }
    if (metadata.managedFields?.length === 0) delete metadata.managedFields;
    const causes = type.crdName
      ? validateCustomObject(next, type.schemas?.[version ?? type.versions[0] ?? ''], unknownFields)
      : validateObject(next);
    if (options.fieldValidation === 'Strict' && unknownFields.length > 0)
      throw errors.badRequest(strictDecodingMessage(type, apiVersion, unknownFields));
    if (previous && !type.crdName) causes.push(...validateImmutable(previous, next));
    if (causes.length > 0) throw errors.invalid(type.kind, type.group, metadata.name ?? '', causes);
    if (type.kind === 'CustomResourceDefinition') this.prepareCrd(next, options.dryRun === true);
    if (previous && isNoOp(previous, next)) return this.asVersion(type, previous, version);
    if (options.dryRun) {
      if (previous?.metadata.resourceVersion) next.metadata.resourceVersion = previous.metadata.resourceVersion;
      return next;
    }
    if (metadata.deletionTimestamp && (metadata.finalizers ?? []).length === 0) {
      this.store.put(key, next);
      const removed = this.store.remove(key, metadata.namespace, metadata.name ?? '') ?? next;
      if (type.kind === 'CustomResourceDefinition') this.dropCustomResources(removed);
      return removed;
    }
    return this.asVersion(type, this.store.put(key, next), version);
  }

  private prepareCrd(crd: KubeObject, dryRun: boolean): void {
    establishCrd(crd, this.now());
    if (!crd.metadata.deletionTimestamp && !dryRun) this.types.registerCrd(crd);
  }

  private dropCustomResources(crd: KubeObject): void {
    const type = this.types.unregisterCrd(crd.metadata.name ?? '');
    if (!type) return;
    const key = storageKey(type);
    for (const object of this.store.list(key))
      this.store.remove(key, object.metadata.namespace, object.metadata.name ?? '');
    this.store.dropCollection(key);
  }

  private orphanDependents(uid: string): void {
    for (const ref of this.owners.dependentsOf(uid)) {
      const dependent = this.store.get(ref.key, ref.namespace, ref.name);
      if (!dependent) continue;
      const next = deepClone(dependent);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((owner) => owner.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.store.put(ref.key, next);
    }
  }

  private checkBody(type: ResourceType, body: unknown, version: string | undefined, allowPartial = false): KubeObject {
    if (!isPlainObject(body)) throw errors.badRequest('the request body must be a JSON or YAML object');
    const object = deepClone(body) as KubeObject;
    if (object.metadata === undefined) object.metadata = {};
    if (!isPlainObject(object.metadata)) throw errors.badRequest('metadata must be an object');
    const expectedVersion = apiVersionOf(type.group, version ?? type.versions[0] ?? 'v1');
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw errors.badRequest(
        `the kind of the object (${String(object.kind)}) does not match the kind served at this URL (${type.kind})`,
      );
    }
    if (
      object.apiVersion !== undefined &&
      object.apiVersion !== expectedVersion &&
      !(allowPartial && object.apiVersion === undefined)
    ) {
      const [group] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : [''];
      if (group !== type.group)
        throw errors.badRequest(
          `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expectedVersion})`,
        );
    }
    return object;
  }

  private checkResourceVersion(type: ResourceType, previous: KubeObject, requested: unknown): void {
    if (requested === undefined || requested === null || requested === '') return;
    if (text(requested) !== previous.metadata.resourceVersion) {
      throw errors.conflict(
        type.plural,
        type.group,
        previous.metadata.name ?? '',
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
  }

  private checkNamespaceOpen(namespace: string): void {
    const ns = this.store.get(storageKey(namespaceType(this.types)), undefined, namespace);
    if (!ns) throw errors.notFound('namespaces', '', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name: namespace,
          kind: 'namespaces',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }

  private scope(type: ResourceType, namespace: string | undefined): string | undefined {
    return type.namespaced ? namespace : undefined;
  }

  private asVersion(type: ResourceType, object: KubeObject, version: string | undefined): KubeObject {
    if (!version) return object;
    const apiVersion = apiVersionOf(type.group, version);
    return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
  }
}

/** kube-apiserver's answer to fieldValidation=Strict with fields the kind lacks. */
function strictDecodingMessage(type: ResourceType, apiVersion: string, fields: readonly string[]): string {
  const unknown = fields.map((field) => `unknown field "${field}"`).join(', ');
  if (type.crdName) return `strict decoding error: ${unknown}`;
  const version = apiVersion.split('/').pop() ?? apiVersion;
  return `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: strict decoding error: ${unknown}`;
}
