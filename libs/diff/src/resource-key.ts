// Identity of a Kubernetes object: group/kind/namespace/name, as Argo CD keys resources.
import { isJsonObject, type JsonObject } from './json';

export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A manifest or live object: any JSON object with apiVersion/kind/metadata. */
export type KubeObject = JsonObject;

export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function apiVersionOf(object: KubeObject): string {
  return typeof object.apiVersion === 'string' ? object.apiVersion : '';
}

export function metadataOf(object: KubeObject): JsonObject {
  return isJsonObject(object.metadata) ? object.metadata : {};
}

export function annotationsOf(object: KubeObject): Record<string, string> {
  const annotations = metadataOf(object).annotations;
  const result: Record<string, string> = {};
  if (isJsonObject(annotations)) {
    for (const [key, value] of Object.entries(annotations)) if (typeof value === 'string') result[key] = value;
  }
  return result;
}

export function resourceKeyOf(object: KubeObject): ResourceKey {
  const metadata = metadataOf(object);
  return {
    group: apiGroupOf(object.apiVersion),
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
  };
}

/** `group/Kind/namespace/name`, Argo CD's kube.ResourceKey.String() form. */
export function formatResourceKey(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** True when `options` (a comma-separated annotation value) contains `option`, e.g. IgnoreExtraneous. */
export function hasAnnotationOption(object: KubeObject | undefined, annotation: string, option: string): boolean {
  if (!object) return false;
  const value = annotationsOf(object)[annotation];
  return value !== undefined && value.split(',').some((item) => item.trim() === option);
}
