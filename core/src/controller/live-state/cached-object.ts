// What the live cache keeps of one object. Every object: its identity, owners
// (for the resource tree) and tracking marks. Objects an application tracks
// also keep their full JSON — diff and health need all of it — as one string,
// which costs a fraction of the parsed object's memory and is parsed only when
// the app is compared. Pure.
import { createHash } from 'node:crypto';
import { formatResourceKey } from '@driftless/diff';
import { TRACKING_ID_ANNOTATION } from '../../repo/manifests/tracking';
import { type ApiResourceType } from './api-discovery';
import { DETAILED_KINDS, nodeDetails, type NodeDetails } from '../tree/node-details';

export interface LiveObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid: string; kind?: string; name?: string }[];
    managedFields?: unknown;
    deletionTimestamp?: string;
    creationTimestamp?: string;
  };
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

export interface CachedObject {
  type: ApiResourceType;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  ownerUids: readonly string[] | undefined;
  /** The app instance that tracks it (label or tracking-id annotation), per the tracking method. */
  appInstance: string | undefined;
  /** Full JSON, only for tracked objects. */
  json: string | undefined;
  /** Hash of everything but status and server bookkeeping: unchanged → a status-only update. */
  specFingerprint: string | undefined;
  /** Container images of Pods (the app's `summary.images` includes those of its pods). */
  images: readonly string[] | undefined;
  /**
   * What a resource tree shows of an untracked Pod, ReplicaSet or Job (health, info items), taken
   * when the object arrives — about 100 bytes — so a tree never reads these objects from the API.
   */
  details?: NodeDetails | undefined;
}

export interface TrackingSettings {
  method: 'annotation' | 'label' | 'annotation+label';
  labelKey: string;
  /** Keep managedFields of tracked objects (only ignoreDifferences.managedFieldsManagers needs them). */
  keepManagedFields: boolean;
}

/** The diff engine's key form, so cache keys and comparison results index the same maps. */
export function cacheKey(group: string, kind: string, namespace: string, name: string): string {
  return formatResourceKey({ group, kind, namespace, name });
}

export function keyOf(object: CachedObject): string {
  return cacheKey(object.type.group, object.type.kind, object.namespace, object.name);
}

/**
 * The app a tracking id names, when the id describes this very object: a copy
 * of a tracked object (kubectl get -o yaml | kubectl apply) keeps the id of
 * the original and must not count as managed, as in Argo CD.
 */
export function appFromTrackingId(
  trackingId: string,
  group: string,
  kind: string,
  namespace: string,
  name: string,
): string | undefined {
  const first = trackingId.indexOf(':');
  const second = trackingId.indexOf(':', first + 1);
  if (first <= 0 || second < 0) return undefined;
  const [idGroup, idKind] = splitOnce(trackingId.slice(first + 1, second), '/');
  const [idNamespace, idName] = splitOnce(trackingId.slice(second + 1), '/');
  if (idGroup !== group || idKind !== kind || idName !== name) return undefined;
  // Cluster-scoped objects may carry the destination namespace in their id.
  if (namespace !== '' && idNamespace !== namespace) return undefined;
  return trackingId.slice(0, first);
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

export function appInstanceOf(
  object: LiveObject,
  type: ApiResourceType,
  tracking: TrackingSettings,
): string | undefined {
  const metadata = object.metadata ?? {};
  if (tracking.method === 'label') return metadata.labels?.[tracking.labelKey] || undefined;
  const trackingId = metadata.annotations?.[TRACKING_ID_ANNOTATION];
  if (!trackingId) return undefined;
  return appFromTrackingId(trackingId, type.group, type.kind, metadata.namespace ?? '', metadata.name ?? '');
}

function fingerprint(object: LiveObject): string {
  const { status: _status, metadata, ...rest } = object;
  const { resourceVersion: _version, managedFields: _fields, ...identity } = metadata ?? {};
  return createHash('sha1').update(JSON.stringify(rest)).update(JSON.stringify(identity)).digest('base64');
}

function podImages(object: LiveObject): string[] | undefined {
  const spec = object.spec as { containers?: { image?: string }[]; initContainers?: { image?: string }[] } | undefined;
  const images = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]
    .map((container) => container.image)
    .filter((image): image is string => Boolean(image));
  return images.length ? images : undefined;
}

export function toCachedObject(object: LiveObject, type: ApiResourceType, tracking: TrackingSettings): CachedObject {
  const metadata = object.metadata ?? {};
  const appInstance = appInstanceOf(object, type, tracking);
  let json: string | undefined;
  if (appInstance !== undefined) {
    if (!tracking.keepManagedFields && metadata.managedFields)
      json = JSON.stringify({ ...object, metadata: { ...metadata, managedFields: undefined } });
    else json = JSON.stringify(object);
  }
  const owners = metadata.ownerReferences?.map((owner) => owner.uid);
  return {
    type,
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    ownerUids: owners?.length ? owners : undefined,
    appInstance,
    json,
    specFingerprint: appInstance !== undefined ? fingerprint(object) : undefined,
    images: type.group === '' && type.kind === 'Pod' ? podImages(object) : undefined,
    details:
      appInstance === undefined && DETAILED_KINDS.has(`${type.group}/${type.kind}`)
        ? nodeDetails(object, type.group, type.kind)
        : undefined,
  };
}
