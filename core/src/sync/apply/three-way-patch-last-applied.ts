// The manifest as `kubectl apply` sends it: carrying kubectl.kubernetes.io/last-applied-configuration,
// whose value is the manifest itself without that annotation. Like kubectl, the recorded copy
// holds `metadata.annotations: {}` when the manifest had none, because kubectl empties the map
// rather than removing it before encoding.
import { isJsonObject, LAST_APPLIED_ANNOTATION, type JsonObject } from '@driftless/diff';
import { ThreeWayPatchError } from './three-way-patch-error';
import { goJsonLine } from './three-way-patch-go-json';

export function withLastApplied(desired: JsonObject): JsonObject {
  const metadata = isJsonObject(desired.metadata) ? desired.metadata : {};
  const annotations: JsonObject = isJsonObject(metadata.annotations) ? { ...metadata.annotations } : {};
  delete annotations[LAST_APPLIED_ANNOTATION];
  const recorded = goJsonLine({ ...desired, metadata: { ...metadata, annotations } });
  return {
    ...desired,
    metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: recorded } },
  };
}

/**
 * The last-applied configuration of a live object; undefined when absent or empty. Text that is
 * not a JSON object fails, as it fails kubectl: guessing would silently skip deletions.
 */
export function readLastApplied(live: JsonObject): JsonObject | undefined {
  const metadata = isJsonObject(live.metadata) ? live.metadata : undefined;
  const annotations = metadata && isJsonObject(metadata.annotations) ? metadata.annotations : undefined;
  const text = annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  if (!isJsonObject(parsed)) throw unreadable('it is not a JSON object');
  return parsed;
}

function unreadable(reason: string): ThreeWayPatchError {
  return new ThreeWayPatchError(
    'APPLY_LAST_APPLIED_UNREADABLE',
    `the live object's ${LAST_APPLIED_ANNOTATION} annotation cannot be read (${reason}); fix or remove it`,
  );
}
