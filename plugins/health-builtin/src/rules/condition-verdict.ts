// The pattern most CRD checks share: the first condition of one type decides,
// False → Degraded and True → Healthy, both with the condition's message.
import { health, type HealthStatus } from '../health-status';
import { text, type KubeObject } from '../object-fields';

export function conditionVerdict(conditions: KubeObject[], type: string): HealthStatus | undefined {
  for (const condition of conditions) {
    if (condition.type !== type) continue;
    if (condition.status === 'False') return health('Degraded', text(condition.message));
    if (condition.status === 'True') return health('Healthy', text(condition.message));
  }
  return undefined;
}
