import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type AuthContext } from '../../auth/principal';
import { SubscriberQueue } from '../../api/subscriptions/subscriber-queue';
import { accessLost, type SubscriptionEnd } from '../../api/subscriptions/subscription-end';
import { endWith, send, skip, subscriptionStream } from '../../api/subscriptions/subscription-stream';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp } from '../../kube/kube-http';
import { ListWatch, type ListWatchHandlers } from '../../kube/list-watch';
import { type ApplicationEventModel } from '../detail/application-event.model';
import {
  aboutManagedResource,
  applicationEventsSelector,
  eventModel,
  eventsPath,
  managedNamespaces,
  MAX_EVENT_NAMESPACES,
  type KubeEvent,
} from '../detail/application-events';
import { DestinationClusters } from '../detail/destination-cluster.service';
import { ApplicationAccess, type AppTarget } from '../mutations/application-access.service';
import { ApplicationVisibility } from './application-visibility.service';

/** Events waiting for a slow client beyond this close its subscription (SUBSCRIBER_TOO_SLOW). */
export const EVENTS_CAPACITY = 1_000;
/** Existing events replayed per watched namespace when the subscription starts (the newest). */
const REPLAYED_EVENTS = EVENTS_CAPACITY / 4;
/** Events remembered as sent, so a re-list does not send them again. */
const REMEMBERED_EVENTS = 10_000;

type WatchedEvent = KubeEvent & { metadata?: { uid?: string; resourceVersion?: string; name?: string } };

/**
 * applicationEvents for one subscriber: the Kubernetes Events about the
 * Application (its namespace in the control plane) and about its managed
 * resources (the destination namespaces its status.resources name when the
 * subscription starts; skipped when the destination cannot be reached), each
 * as it is recorded or counted again, after the newest REPLAYED_EVENTS
 * existing ones of each watched namespace. Every event is
 * authorized at emit against the app's current project and policy; an event
 * about a resource no longer managed is not sent.
 */
@Injectable()
export class ApplicationEventsStream {
  private readonly logger = new Logger('subscriptions');
  private readonly controlPlane: KubeHttp;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    private readonly access: ApplicationAccess,
    private readonly visibility: ApplicationVisibility,
    private readonly destinations: DestinationClusters,
  ) {
    this.controlPlane = new KubeHttp(cluster.kubeConfig, 30_000);
  }

  async open(
    context: AuthContext,
    target: AppTarget,
  ): Promise<AsyncIterableIterator<ApplicationEventModel | SubscriptionEnd>> {
    const { app, principal, namespace } = await this.access.authorize(context, 'get', target);
    const queue = new SubscriberQueue<WatchedEvent>(EVENTS_CAPACITY);
    const push = (event: WatchedEvent): void => queue.push(event, event.metadata?.uid);
    // Only what concerns the app waits in the queue: a busy namespace's other events never fill it.
    const handlers = (what: string, wanted: (event: WatchedEvent) => boolean): ListWatchHandlers<WatchedEvent> => ({
      replace: (events) => events.filter(wanted).sort(byTime).slice(-REPLAYED_EVENTS).forEach(push),
      event: (type, event) => {
        if (type !== 'DELETED' && wanted(event)) push(event);
      },
      failed: (error) => this.logger.warn(`watching events of ${what}: ${error.message}`),
    });
    const own = new ListWatch<WatchedEvent>(
      this.controlPlane,
      eventsPath(namespace),
      handlers(`application ${target.name}`, (event) => concerns(app, event)),
      { query: { fieldSelector: applicationEventsSelector(target.name) } },
    );
    const managed = await this.resourceWatches(app, handlers);
    const stopAll = (): void => [own, ...managed].forEach((watch) => watch.stop());
    try {
      await own.start();
    } catch (error) {
      stopAll();
      throw error;
    }
    // The destination is best effort: an unreachable one costs its events, not the subscription.
    await Promise.all(
      managed.map((watch) =>
        watch.start().catch((error: unknown) => {
          watch.stop();
          this.logger.warn(`events of ${target.name}'s destination unavailable: ${(error as Error).message}`);
        }),
      ),
    );
    const sent = new Map<string, string>();
    return subscriptionStream<WatchedEvent, ApplicationEventModel>({
      principal,
      queue,
      release: stopAll,
      emit: async (event) => {
        const current = await this.visibility.latest(principal, namespace, target.name);
        if (current === undefined) return endWith(accessLost());
        if (!concerns(current, event)) return skip;
        // A re-list hands every event over again: send only what is new or counted again.
        const uid = event.metadata?.uid ?? '';
        const version = event.metadata?.resourceVersion ?? '';
        if (uid !== '' && sent.get(uid) === version) return skip;
        if (sent.size >= REMEMBERED_EVENTS) sent.clear();
        if (uid !== '') sent.set(uid, version);
        return send(eventModel(event));
      },
    });
  }

  private async resourceWatches(
    app: Application,
    handlers: (what: string, wanted: (event: WatchedEvent) => boolean) => ListWatchHandlers<WatchedEvent>,
  ): Promise<ListWatch<WatchedEvent>[]> {
    const resources = app.status?.resources ?? [];
    const namespaces = managedNamespaces(resources, MAX_EVENT_NAMESPACES);
    if (namespaces.length === 0) return [];
    const destination = await this.destinations.resolve(app).catch(() => ({ error: 'unavailable' }));
    if ('error' in destination) return [];
    const isManaged = aboutManagedResource(resources);
    return namespaces.map(
      (namespace) =>
        new ListWatch<WatchedEvent>(
          destination.http,
          eventsPath(namespace),
          handlers(`namespace ${namespace}`, isManaged),
        ),
    );
  }
}

/** About the Application itself, or about one of the resources it manages now. */
function concerns(app: Application, event: WatchedEvent): boolean {
  const involved = event.involvedObject ?? {};
  if (involved.kind === 'Application' && involved.name === app.metadata.name)
    return involved.namespace === undefined || involved.namespace === app.metadata.namespace;
  return aboutManagedResource(app.status?.resources ?? [])(event);
}

function byTime(a: WatchedEvent, b: WatchedEvent): number {
  const time = (event: WatchedEvent): string =>
    event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? '';
  return time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0;
}
