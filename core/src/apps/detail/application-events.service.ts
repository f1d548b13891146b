// `Application.events`: the Kubernetes Events about the Application (in its
// namespace of the control plane) and about its managed resources (Argo CD's
// ListResourceEvents, gathered per namespace of the destination: one list per
// namespace, at most MAX_EVENT_NAMESPACES of them). A destination that cannot be
// read costs its resources' events, not the answer.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp } from '../../kube/kube-http';
import { type ApplicationEventModel } from './application-event.model';
import {
  aboutManagedResource,
  applicationEventsSelector,
  eventModel,
  eventsPath,
  managedNamespaces,
  MAX_EVENT_NAMESPACES,
  newestFirst,
  type KubeEvent,
} from './application-events';
import { DestinationClusters } from './destination-cluster.service';

const EVENTS_PER_LIST = 500;

@Injectable()
export class ApplicationEvents {
  private readonly logger = new Logger('ApplicationEvents');
  private readonly controlPlane: KubeHttp;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    private readonly destinations: DestinationClusters,
  ) {
    this.controlPlane = new KubeHttp(cluster.kubeConfig, 30_000);
  }

  async of(app: Application, includeResources: boolean): Promise<ApplicationEventModel[]> {
    const [own, managed] = await Promise.all([
      this.applicationEvents(app),
      includeResources ? this.resourceEvents(app) : Promise.resolve([]),
    ]);
    return newestFirst([...own, ...managed].map(eventModel));
  }

  private async applicationEvents(app: Application): Promise<KubeEvent[]> {
    const name = app.metadata.name ?? '';
    const list = await this.controlPlane.getJson<{ items?: KubeEvent[] }>(eventsPath(app.metadata.namespace ?? ''), {
      fieldSelector: applicationEventsSelector(name),
      limit: EVENTS_PER_LIST,
    });
    // The selector is a hint: an API server that ignores it must not leak other objects' events.
    return (list.items ?? []).filter(
      (event) => event.involvedObject?.kind === 'Application' && event.involvedObject.name === name,
    );
  }

  private async resourceEvents(app: Application): Promise<KubeEvent[]> {
    const resources = (app.status?.resources ?? []).filter((resource) => resource.namespace);
    if (resources.length === 0) return [];
    const destination = await this.destinations.resolve(app);
    if ('error' in destination) return [];
    const isManaged = aboutManagedResource(resources);
    const lists = await Promise.all(
      managedNamespaces(resources, MAX_EVENT_NAMESPACES).map((namespace) =>
        destination.http
          .getJson<{ items?: KubeEvent[] }>(eventsPath(namespace), { limit: EVENTS_PER_LIST })
          .then((list) => list.items ?? [])
          .catch((error: unknown) => {
            this.logger.warn(`events of namespace ${namespace} in ${destination.cluster.server}: ${String(error)}`);
            return [];
          }),
      ),
    );
    return lists.flat().filter(isManaged);
  }
}
