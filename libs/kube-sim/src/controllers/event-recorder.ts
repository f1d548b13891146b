// core/v1 Events for what the simulated controllers and kubelets do, so
// `kubectl describe` and UIs show a history. Repeats of the same event on the
// same object bump its count; events older than timing.eventTtlMs are removed.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../api/status';
import { text, type KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext } from './controller-manager';
import { typeOf } from './helpers';

export type EventType = 'Normal' | 'Warning';

/** Records an event; best effort, like client-go's recorder: failures (e.g. a terminating namespace) are dropped. */
export function recordEvent(
  context: ControllerContext,
  involved: KubeObject,
  type: EventType,
  reason: string,
  message: string,
  component: string,
): void {
  try {
    writeEvent(context, involved, type, reason, message, component);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
}

function writeEvent(
  context: ControllerContext,
  involved: KubeObject,
  type: EventType,
  reason: string,
  message: string,
  component: string,
): void {
  const { api } = context;
  const events = typeOf(api, '', 'Event');
  const namespace = involved.metadata.namespace ?? 'default';
  const now = api.now();
  const key = `${involved.metadata.uid ?? ''}|${reason}|${message}`;
  const recent = recentEvents(context);
  const existingName = recent.get(key);
  const existing = existingName ? api.store.get('/events', namespace, existingName) : undefined;
  if (existing) {
    api.update(
      events,
      namespace,
      existing.metadata.name ?? '',
      { ...existing, count: Number(existing.count ?? 1) + 1, lastTimestamp: now },
      { fieldManager: component },
    );
    return;
  }
  const created = api.create(
    events,
    namespace,
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${involved.metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}` },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component },
      reportingComponent: component,
      reportingInstance: '',
    },
    { fieldManager: component },
  );
  recent.set(key, created.metadata.name ?? '');
}

const recentByCluster = new WeakMap<ControllerContext, Map<string, string>>();

/** Event names by (object uid, reason, message), so repeats update one Event. */
function recentEvents(context: ControllerContext): Map<string, string> {
  let recent = recentByCluster.get(context);
  if (!recent) {
    recent = new Map();
    recentByCluster.set(context, recent);
  }
  if (recent.size > 10_000) recent.clear();
  return recent;
}

/** Removes events older than timing.eventTtlMs, as kube-apiserver's event TTL does. */
export const eventExpiry: Controller = {
  name: 'event-expiry',
  watches: [],
  reconcile() {},
  tick: {
    intervalMs: (timing) => Math.max(1000, Math.min(60_000, timing.eventTtlMs / 10)),
    run(context) {
      const { api } = context;
      const events = typeOf(api, '', 'Event');
      const cutoff = Date.now() - context.timing.eventTtlMs;
      for (const event of api.store.list('/events')) {
        const last = Date.parse(text(event.lastTimestamp, event.metadata.creationTimestamp ?? ''));
        if (Number.isFinite(last) && last < cutoff)
          api.delete(events, event.metadata.namespace, event.metadata.name ?? '');
      }
    },
  },
};
