// Services: type LoadBalancer gets an ingress IP after a delay, and the
// Endpoints of a selector service follow its ready (and not-ready) pods.
import type { JsonObject, KubeObject } from '../store/kube-object';
import { labelSelectorMatches } from '../store/selectors';
import type { Controller } from './controller-manager';
import { CONTROLLER_MANAGER, isPodActive, isPodReady, spec, status, typeOf, writeStatus } from './helpers';

function servicePorts(service: KubeObject): JsonObject[] {
  return ((spec(service).ports ?? []) as JsonObject[]).map((port) => ({
    ...(port.name ? { name: port.name } : {}),
    port: typeof port.targetPort === 'number' ? port.targetPort : port.port,
    protocol: port.protocol ?? 'TCP',
  }));
}

function endpointAddress(pod: KubeObject): JsonObject {
  return {
    ip: status(pod).podIP,
    nodeName: (pod.spec as { nodeName?: string } | undefined)?.nodeName,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

let nextLoadBalancerIp = 0;

export const serviceController: Controller = {
  name: 'service',
  watches: ['/services', '/pods'],
  targets(event, context) {
    if (event.key === '/services')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    return context.api.store
      .list('/services', event.object.metadata.namespace)
      .filter(
        (service) =>
          isPlainSelector(spec(service).selector) &&
          labelSelectorMatches(
            { matchLabels: spec(service).selector as Record<string, string> },
            event.object.metadata.labels,
          ),
      )
      .map((service) => ({
        key: '/services',
        namespace: service.metadata.namespace,
        name: service.metadata.name ?? '',
      }));
  },
  reconcile(target, context) {
    const { api } = context;
    const services = typeOf(api, '', 'Service');
    const service = api.tryGet(services, target.namespace, target.name);
    if (!service || service.metadata.deletionTimestamp) return;
    if (spec(service).type === 'LoadBalancer') {
      const loadBalancer = (status(service).loadBalancer ?? {}) as JsonObject;
      if (!Array.isArray(loadBalancer.ingress) || loadBalancer.ingress.length === 0) {
        context.after(context.timing.loadBalancerMs, () => {
          const latest = api.tryGet(services, target.namespace, target.name);
          if (!latest || spec(latest).type !== 'LoadBalancer') return;
          nextLoadBalancerIp += 1;
          const ip = `172.18.255.${(nextLoadBalancerIp % 250) + 1}`;
          writeStatus(
            api,
            services,
            latest,
            { ...status(latest), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } },
            'service-controller',
          );
        });
      }
    }
    const selector = spec(service).selector;
    if (!isPlainSelector(selector)) return;
    const namespace = service.metadata.namespace ?? 'default';
    const pods = api.store
      .list('/pods', namespace)
      .filter(
        (pod) =>
          isPodActive(pod) && status(pod).podIP && labelSelectorMatches({ matchLabels: selector }, pod.metadata.labels),
      );
    const ready = pods.filter(isPodReady).map(endpointAddress);
    const notReady = pods.filter((pod) => !isPodReady(pod)).map(endpointAddress);
    const subsets =
      ready.length + notReady.length > 0
        ? [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports: servicePorts(service),
            },
          ]
        : [];
    const endpointsType = typeOf(api, '', 'Endpoints');
    const existing = api.tryGet(endpointsType, namespace, target.name);
    const body = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: target.name, namespace, labels: service.metadata.labels ?? {} },
      subsets,
    };
    if (!existing) api.create(endpointsType, namespace, body, { fieldManager: 'endpoint-controller' });
    else if (JSON.stringify(existing.subsets ?? []) !== JSON.stringify(subsets)) {
      api.update(
        endpointsType,
        namespace,
        target.name,
        { ...existing, subsets },
        { fieldManager: 'endpoint-controller' },
      );
    }
  },
};

function isPlainSelector(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

export const ingressController: Controller = {
  name: 'ingress',
  watches: ['networking.k8s.io/ingresses'],
  reconcile(target, context) {
    const { api } = context;
    const ingresses = typeOf(api, 'networking.k8s.io', 'Ingress');
    const ingress = api.tryGet(ingresses, target.namespace, target.name);
    const loadBalancer = (ingress ? status(ingress).loadBalancer : undefined) as JsonObject | undefined;
    if (!ingress || (Array.isArray(loadBalancer?.ingress) && loadBalancer.ingress.length > 0)) return;
    context.after(context.timing.loadBalancerMs, () => {
      const latest = api.tryGet(ingresses, target.namespace, target.name);
      if (latest)
        writeStatus(
          api,
          ingresses,
          latest,
          { ...status(latest), loadBalancer: { ingress: [{ ip: '172.18.0.100' }] } },
          'ingress-controller',
        );
    });
  },
};

export const persistentVolumeClaimController: Controller = {
  name: 'pvc',
  watches: ['/persistentvolumeclaims'],
  reconcile(target, context) {
    const { api } = context;
    const claims = typeOf(api, '', 'PersistentVolumeClaim');
    const claim = api.tryGet(claims, target.namespace, target.name);
    if (!claim || status(claim).phase === 'Bound' || claim.metadata.deletionTimestamp) return;
    context.after(context.timing.pvcBindMs, () => {
      const latest = api.tryGet(claims, target.namespace, target.name);
      if (!latest || status(latest).phase === 'Bound') return;
      const volumeName = `pvc-${latest.metadata.uid ?? ''}`;
      const bound = spec(latest).volumeName
        ? latest
        : api.update(
            claims,
            target.namespace,
            target.name,
            { ...latest, spec: { ...spec(latest), volumeName } },
            { fieldManager: CONTROLLER_MANAGER },
          );
      const requests = ((spec(latest).resources as JsonObject | undefined)?.requests ?? {}) as JsonObject;
      writeStatus(api, claims, bound, {
        phase: 'Bound',
        accessModes: spec(latest).accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: requests.storage ?? '1Gi' },
      });
    });
  },
};
