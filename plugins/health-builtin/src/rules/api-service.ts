// apiregistration.k8s.io/APIService: the Available condition.
import { health, type HealthStatus } from '../health-status';
import { findCondition, text, type KubeObject } from '../object-fields';

export function apiServiceHealth(apiService: KubeObject): HealthStatus {
  const available = findCondition(apiService, 'Available');
  if (available === undefined) return health('Progressing', 'Waiting to be processed');
  const message = `${text(available.reason)}: ${text(available.message)}`;
  return health(available.status === 'True' ? 'Healthy' : 'Progressing', message);
}
