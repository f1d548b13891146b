// core/Namespace (Argo CD gives it no health; Driftless's own check). Active is
// healthy. A terminating namespace always carries a deletionTimestamp, so the
// generic "Pending deletion" verdict covers it before this rule runs. No
// status yet: no health.
import { health, type HealthStatus } from '../health-status';
import { statusOf, text, type KubeObject } from '../object-fields';

export function namespaceHealth(namespace: KubeObject): HealthStatus | undefined {
  const phase = text(statusOf(namespace).phase);
  if (phase === '') return undefined;
  return phase === 'Active' ? health('Healthy') : health('Progressing', `Namespace is ${phase}`);
}
