// bitnami.com/SealedSecret: the Synced condition the controller sets after decrypting.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, type KubeObject } from '../object-fields';
import { conditionVerdict } from './condition-verdict';

export function sealedSecretHealth(sealedSecret: KubeObject): HealthStatus {
  return (
    conditionVerdict(conditionsOf(sealedSecret), 'Synced') ??
    health('Progressing', 'Waiting for Sealed Secret to be decrypted')
  );
}
