// argoproj.io/Workflow: its phase.
import { health, type HealthStatus } from '../health-status';
import { statusOf, text, type KubeObject } from '../object-fields';

export function argoWorkflowHealth(workflow: KubeObject): HealthStatus {
  const status = statusOf(workflow);
  const message = text(status.message);
  switch (text(status.phase)) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
    case 'Error':
      return health('Degraded', message);
    default:
      return health('Unknown', message);
  }
}
