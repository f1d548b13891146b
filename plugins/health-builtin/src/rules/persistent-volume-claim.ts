// core/PersistentVolumeClaim.
import { health, type HealthStatus } from '../health-status';
import { statusOf, type KubeObject } from '../object-fields';

export function persistentVolumeClaimHealth(claim: KubeObject): HealthStatus {
  switch (statusOf(claim).phase) {
    case 'Lost':
      return health('Degraded');
    case 'Pending':
      return health('Progressing');
    case 'Bound':
      return health('Healthy');
    default:
      return health('Unknown');
  }
}
