// Rendered or live objects as the API may show them: a Secret's values are
// replaced by a mask (Argo CD's hideSecretData), and its
// last-applied-configuration annotation, which repeats them, is masked too.
// Keys stay, so a reader still sees what a Secret holds. Pure: the input is
// not modified.
import { type KubeObject } from '@driftless/plugin-sdk';

export const SECRET_MASK = '++++++++';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const isSecret = (object: KubeObject): boolean => object.kind === 'Secret' && object.apiVersion === 'v1';

function maskValues(values: unknown): unknown {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return values;
  return Object.fromEntries(Object.keys(values).map((key) => [key, SECRET_MASK]));
}

export function maskSecretData(object: KubeObject): KubeObject {
  if (!isSecret(object)) return object;
  const masked: Record<string, unknown> = { ...object };
  if ('data' in object) masked['data'] = maskValues(object['data']);
  if ('stringData' in object) masked['stringData'] = maskValues(object['stringData']);
  const annotations = object.metadata['annotations'] as Record<string, string> | undefined;
  if (annotations?.[LAST_APPLIED] !== undefined)
    masked['metadata'] = { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED]: SECRET_MASK } };
  return masked as KubeObject;
}
