// networking.k8s.io/Ingress and extensions/Ingress: healthy once an address is assigned.
import { health, type HealthStatus } from '../health-status';
import type { KubeObject } from '../object-fields';
import { hasLoadBalancerIngress } from './service';

export function ingressHealth(ingress: KubeObject): HealthStatus {
  return hasLoadBalancerIngress(ingress) ? health('Healthy') : health('Progressing');
}
