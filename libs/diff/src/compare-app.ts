// Compares a whole Application: desired manifests against the live objects it manages, keyed by
// group/kind/namespace/name, with Argo CD's sync-status rules (controller/state.go):
// - a resource is OutOfSync when it differs, when live is missing, or when live has no desired
//   counterpart (it requires pruning);
// - a resource that requires pruning and carries `argocd.argoproj.io/compare-options:
//   IgnoreExtraneous` is still reported OutOfSync but does not make the app OutOfSync;
// - hooks (`argocd.argoproj.io/hook`, `helm.sh/hook`) get no sync status and never count;
// - a manifest that appears more than once is reported; the last occurrence wins;
// - any comparison error makes the app Unknown.
import { compareResource, type ResourceDiff } from './compare-resource';
import { isJsonObject, type JsonObject } from './json';
import {
  annotationsOf,
  apiVersionOf,
  formatResourceKey,
  hasAnnotationOption,
  metadataOf,
  resourceKeyOf,
  type KubeObject,
  type ResourceKey,
} from './resource-key';
import type { DiffConfig } from './settings';

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';
const HOOK_ANNOTATIONS = ['argocd.argoproj.io/hook', 'helm.sh/hook'];

export interface ResourceComparison extends ResourceKey {
  /** apiVersion of the desired manifest, else of the live object. */
  version: string;
  /** null for hooks, which have no sync status. */
  status: SyncStatusCode | null;
  hook: boolean;
  /** Live object with no desired counterpart. */
  requiresPruning: boolean;
  /** Desired manifest whose live object does not exist. */
  liveMissing: boolean;
  /** The resource's OutOfSync status does not count toward the app (IgnoreExtraneous). */
  ignoredForAppStatus: boolean;
  /** Set when the resource could not be compared (status Unknown). */
  error?: string;
  diff: ResourceDiff | null;
}

export interface DuplicateResource extends ResourceKey {
  count: number;
  /** Argo CD's RepeatedResourceWarning text. */
  message: string;
}

export interface AppComparison {
  status: SyncStatusCode;
  resources: ResourceComparison[];
  duplicates: DuplicateResource[];
  /** Manifests that could not be keyed and resources that could not be compared. */
  errors: string[];
}

export interface CompareAppInput {
  desired: readonly KubeObject[];
  live: readonly KubeObject[];
  /** spec.destination.namespace: the namespace of namespaced manifests that set none. */
  destinationNamespace?: string;
  /** Whether a kind is namespaced; undefined (an unknown kind, e.g. a CRD not yet installed) counts as namespaced. */
  isNamespaced: (group: string, kind: string) => boolean | undefined;
  config: DiffConfig;
}

function isHook(object: KubeObject | undefined): boolean {
  if (!object) return false;
  const annotations = annotationsOf(object);
  return HOOK_ANNOTATIONS.some((name) => annotations[name] !== undefined);
}

function withNamespace(object: KubeObject, namespace: string | undefined): KubeObject {
  const metadata: JsonObject = { ...metadataOf(object) };
  if (namespace === undefined || namespace === '') delete metadata.namespace;
  else metadata.namespace = namespace;
  return { ...object, metadata };
}

/** Applies the destination namespace to namespaced manifests and clears it on cluster-scoped ones. */
function effectiveDesired(object: KubeObject, input: CompareAppInput): KubeObject {
  const key = resourceKeyOf(object);
  const namespaced = input.isNamespaced(key.group, key.kind) ?? true;
  if (namespaced && key.namespace === '' && input.destinationNamespace) {
    return withNamespace(object, input.destinationNamespace);
  }
  if (!namespaced && key.namespace !== '') return withNamespace(object, undefined);
  return object;
}

function isGeneratedHook(object: unknown): boolean {
  if (!isJsonObject(object) || !isHook(object)) return false;
  const metadata = metadataOf(object);
  return (metadata.name === undefined || metadata.name === '') && typeof metadata.generateName === 'string';
}

function invalidManifestReason(object: unknown): string | undefined {
  if (!isJsonObject(object)) return 'is not an object';
  if (typeof object.kind !== 'string' || object.kind === '') return 'has no kind';
  if (typeof metadataOf(object).name !== 'string' || metadataOf(object).name === '') return 'has no metadata.name';
  return undefined;
}

function compareOne(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  config: DiffConfig,
): ResourceComparison {
  const reference = (desired ?? live) as KubeObject;
  const key = resourceKeyOf(reference);
  const hook = isHook(desired) || (!desired && isHook(live));
  const requiresPruning = !desired && !hook;
  const base = {
    ...key,
    version: apiVersionOf(reference),
    hook,
    requiresPruning,
    liveMissing: !live,
    ignoredForAppStatus:
      hook || (requiresPruning && hasAnnotationOption(live, COMPARE_OPTIONS_ANNOTATION, 'IgnoreExtraneous')),
  };
  try {
    const diff = compareResource(desired ?? null, live ?? null, config);
    const status: SyncStatusCode | null = hook ? null : diff.modified ? 'OutOfSync' : 'Synced';
    return { ...base, status, diff };
  } catch (error) {
    return { ...base, status: hook ? null : 'Unknown', error: (error as Error).message, diff: null };
  }
}

export function compareApp(input: CompareAppInput): AppComparison {
  const errors: string[] = [];
  const desiredByKey = new Map<string, { object: KubeObject; count: number }>();
  input.desired.forEach((manifest, index) => {
    // A hook named by generateName gets its name when a sync creates it: nothing live to compare.
    if (isGeneratedHook(manifest)) return;
    const reason = invalidManifestReason(manifest);
    if (reason) {
      errors.push(`desired manifest #${index} ${reason}`);
      return;
    }
    const object = effectiveDesired(manifest, input);
    const id = formatResourceKey(resourceKeyOf(object));
    desiredByKey.set(id, { object, count: (desiredByKey.get(id)?.count ?? 0) + 1 });
  });
  const liveByKey = new Map<string, KubeObject>();
  for (const object of input.live) liveByKey.set(formatResourceKey(resourceKeyOf(object)), object);

  const resources: ResourceComparison[] = [];
  const duplicates: DuplicateResource[] = [];
  for (const [id, { object, count }] of desiredByKey) {
    if (count > 1) {
      const key = resourceKeyOf(object);
      duplicates.push({
        ...key,
        count,
        message: `Resource ${id} appeared ${count} times among application resources.`,
      });
    }
    resources.push(compareOne(object, liveByKey.get(id), input.config));
  }
  const extraneous = [...liveByKey.keys()].filter((id) => !desiredByKey.has(id)).sort();
  for (const id of extraneous) resources.push(compareOne(undefined, liveByKey.get(id), input.config));

  for (const resource of resources) {
    if (resource.error) errors.push(`${formatResourceKey(resource)}: ${resource.error}`);
  }
  let status: SyncStatusCode = 'Synced';
  if (errors.length > 0) status = 'Unknown';
  else if (resources.some((resource) => resource.status === 'OutOfSync' && !resource.ignoredForAppStatus)) {
    status = 'OutOfSync';
  }
  return { status, resources, duplicates, errors };
}
