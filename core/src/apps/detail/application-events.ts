// Kubernetes Events → the API's events, by allow-list, newest first; and
// which events are about one of an app's managed resources. Pure.
import { type ResourceStatus } from '@driftless/schema';
import { type ApplicationEventModel } from './application-event.model';

/** The fields of a core/v1 (or events.k8s.io/v1) Event read here. */
export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata?: { creationTimestamp?: string };
  source?: { component?: string };
  reportingComponent?: string;
  involvedObject?: { apiVersion?: string; kind?: string; namespace?: string; name?: string };
}

const date = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

export function eventModel(event: KubeEvent): ApplicationEventModel {
  const involved = event.involvedObject ?? {};
  const first = date(event.firstTimestamp) ?? date(event.eventTime) ?? date(event.metadata?.creationTimestamp);
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? event.note ?? '',
    count: typeof event.count === 'number' && event.count > 0 ? event.count : 1,
    firstTimestamp: first,
    lastTimestamp: date(event.lastTimestamp) ?? first,
    source: event.source?.component || event.reportingComponent || '',
    involvedObject: {
      apiVersion: involved.apiVersion ?? '',
      kind: involved.kind ?? '',
      namespace: involved.namespace ?? '',
      name: involved.name ?? '',
    },
  };
}

/** Newest first (by lastTimestamp); events without a time go last. */
export function newestFirst(events: ApplicationEventModel[]): ApplicationEventModel[] {
  const time = (event: ApplicationEventModel): number => event.lastTimestamp?.getTime() ?? -Infinity;
  return [...events].sort((a, b) => time(b) - time(a));
}

const apiGroup = (apiVersion: string): string => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

/** A predicate: is this event about one of these managed resources (group, kind, namespace, name)? */
export function aboutManagedResource(resources: readonly ResourceStatus[]): (event: KubeEvent) => boolean {
  const keys = new Set(
    resources.map(
      (resource) => `${resource.group ?? ''}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`,
    ),
  );
  return (event) => {
    const involved = event.involvedObject ?? {};
    return keys.has(
      `${apiGroup(involved.apiVersion ?? '')}/${involved.kind ?? ''}/${involved.namespace ?? ''}/${involved.name ?? ''}`,
    );
  };
}

/** The namespaces whose events may concern the app's namespaced managed resources, at most `limit`. */
export function managedNamespaces(resources: readonly ResourceStatus[], limit: number): string[] {
  return [...new Set(resources.map((resource) => resource.namespace ?? '').filter(Boolean))].sort().slice(0, limit);
}

/** Destination namespaces whose events are read for an app's managed resources (list and stream alike). */
export const MAX_EVENT_NAMESPACES = 10;

export const eventsPath = (namespace: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;

/** The field selector of the Events about one Application (a hint: callers still check each event). */
export const applicationEventsSelector = (name: string): string =>
  `involvedObject.kind=Application,involvedObject.name=${name}`;
