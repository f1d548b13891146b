// Typed reads of an unstructured Kubernetes object. Kubernetes' typed structs
// read a missing integer as 0 and a missing string as ""; these helpers do the
// same, so rules read like the API types they follow.

export type KubeObject = Record<string, unknown>;

export function record(value: unknown): KubeObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as KubeObject) : EMPTY;
}

const EMPTY: KubeObject = Object.freeze({});

export function list(value: unknown): KubeObject[] {
  return Array.isArray(value) ? value.map(record) : [];
}

export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** undefined when absent, as a pointer field (e.g. spec.replicas) reads in Go. */
export function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export const metadataOf = (obj: KubeObject): KubeObject => record(obj.metadata);
export const specOf = (obj: KubeObject): KubeObject => record(obj.spec);
export const statusOf = (obj: KubeObject): KubeObject => record(obj.status);

export function annotation(obj: KubeObject, name: string): string | undefined {
  const value = record(metadataOf(obj).annotations)[name];
  return typeof value === 'string' ? value : undefined;
}

export function conditionsOf(obj: KubeObject): KubeObject[] {
  return list(statusOf(obj).conditions);
}

export function findCondition(obj: KubeObject, type: string): KubeObject | undefined {
  return conditionsOf(obj).find((condition) => condition.type === type);
}

/** Go's %q for the names that appear in messages. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
