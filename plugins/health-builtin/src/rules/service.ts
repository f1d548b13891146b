// core/Service: only a LoadBalancer waits, for its ingress address.
import { health, type HealthStatus } from '../health-status';
import { list, record, specOf, statusOf, type KubeObject } from '../object-fields';

export function serviceHealth(service: KubeObject): HealthStatus {
  if (specOf(service).type !== 'LoadBalancer') return health('Healthy');
  return hasLoadBalancerIngress(service) ? health('Healthy') : health('Progressing');
}

export function hasLoadBalancerIngress(obj: KubeObject): boolean {
  return list(record(statusOf(obj).loadBalancer).ingress).length > 0;
}
