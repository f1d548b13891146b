// external-secrets.io: ExternalSecret and SecretStore by their Ready condition.
// With refreshPolicy OnChange, an ExternalSecret's Ready condition older than
// its last refresh is stale.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, specOf, statusOf, text, type KubeObject } from '../object-fields';
import { conditionVerdict } from './condition-verdict';

export function externalSecretHealth(externalSecret: KubeObject): HealthStatus {
  const onChange = specOf(externalSecret).refreshPolicy === 'OnChange';
  const refreshTime = text(statusOf(externalSecret).refreshTime);
  const current = conditionsOf(externalSecret).filter(
    (condition) => !onChange || text(condition.lastTransitionTime) >= refreshTime,
  );
  return conditionVerdict(current, 'Ready') ?? health('Progressing', 'Waiting for ExternalSecret');
}

export function secretStoreHealth(secretStore: KubeObject): HealthStatus {
  return conditionVerdict(conditionsOf(secretStore), 'Ready') ?? health('Progressing', 'Waiting for SecretStore');
}
