// Server-side apply request helpers: parsing bodies (YAML or JSON), the
// client-side apply upgrade rule, and generated name suffixes.
import { load as loadYaml } from 'js-yaml';
import { fieldValues } from '../patch/field-set';
import type { MergeSchema } from '../patch/schema';
import { isPlainObject, type JsonObject, type KubeObject } from '../store/kube-object';
import { errors } from './status';

export function parseApplyBody(raw: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = raw.trimStart().startsWith('{') ? JSON.parse(raw) : loadYaml(raw);
  } catch (error) {
    throw errors.badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw errors.badRequest('apply body must be a YAML or JSON object');
  return parsed;
}

export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let index = 0; index < 5; index += 1) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return suffix;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CLIENT_SIDE_APPLY_MANAGER = 'kubectl-client-side-apply';

/**
 * kube-apiserver lets a server-side apply take over, without conflict, the
 * fields that client-side apply owned through the last-applied annotation, so
 * `kubectl apply --server-side` works on objects first applied client-side.
 */
export function clientSideApplyTakeover(
  current: KubeObject | undefined,
  schema: MergeSchema,
): ((path: string, manager: string) => boolean) | undefined {
  const annotation = current?.metadata.annotations?.[LAST_APPLIED];
  if (!annotation) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(annotation);
  } catch {
    return undefined;
  }
  if (!isPlainObject(lastApplied)) return undefined;
  const paths = fieldValues(lastApplied, schema);
  return (path, manager) => manager === CLIENT_SIDE_APPLY_MANAGER && paths.has(path);
}
