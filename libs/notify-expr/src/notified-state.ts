// The `notified.notifications.argoproj.io` annotation: JSON `{ "<key>": <unix seconds> }` where
// key = `[<oncePer>:][<namespace>:]<trigger>:<conditionKey>:<service>:<recipient>`, at most 100
// entries (oldest dropped first), written the way Go's encoding/json writes a map[string]int64 —
// sorted keys, `<`, `>` and `&` escaped — so annotations written by Argo CD stay valid and ours
// read back identically.

export const NOTIFIED_ANNOTATION = 'notified.notifications.argoproj.io';
export const NOTIFIED_HISTORY_MAX_SIZE = 100;

export interface Destination {
  service: string;
  recipient: string;
}

/** Dedup state: state key → unix seconds when the notification was sent. */
export type NotifiedState = Map<string, number>;

export interface StateKeyParts {
  trigger: string;
  conditionKey: string;
  oncePer: string;
  destination: Destination;
  /** Set when the trigger came from a self-service (namespaced) notifications config. */
  selfServiceNamespace?: string | undefined;
}

export function stateItemKey(parts: StateKeyParts): string {
  const { trigger, conditionKey, destination } = parts;
  let key = `${trigger}:${conditionKey}:${destination.service}:${destination.recipient}`;
  if (parts.selfServiceNamespace !== undefined) key = `${parts.selfServiceNamespace}:${key}`;
  return parts.oncePer === '' ? key : `${parts.oncePer}:${key}`;
}

/** Reads the annotation; a missing or malformed value is an empty state, as in notifications-engine. */
export function parseNotifiedState(annotation: string | undefined): NotifiedState {
  const state: NotifiedState = new Map();
  if (!annotation) return state;
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch {
    return state;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return new Map();
    state.set(key, value);
  }
  return state;
}

/** Drops the oldest entries beyond `maxSize` (ties broken by key, for a stable result). */
export function truncateNotifiedState(state: NotifiedState, maxSize = NOTIFIED_HISTORY_MAX_SIZE): NotifiedState {
  if (state.size <= maxSize) return new Map(state);
  const newestFirst = [...state.entries()].sort(
    ([keyA, a], [keyB, b]) => b - a || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0),
  );
  return new Map(newestFirst.slice(0, maxSize));
}

function goJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The annotation value for `state` (truncated to 100 entries), or undefined to remove it. */
export function serializeNotifiedState(state: NotifiedState): string | undefined {
  const truncated = truncateNotifiedState(state);
  if (truncated.size === 0) return undefined;
  const keys = [...truncated.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${goJsonString(key)}:${truncated.get(key)}`).join(',')}}`;
}
