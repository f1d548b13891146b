// cert-manager.io Certificate, Issuer and ClusterIssuer: the Ready condition,
// with the verdicts and fallback messages of Argo CD's bundled scripts.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, text, type KubeObject } from '../object-fields';
import { conditionVerdict } from './condition-verdict';

export function certificateHealth(certificate: KubeObject): HealthStatus {
  const conditions = conditionsOf(certificate);
  // A renewal in flight wins over the Ready condition of the old certificate.
  const issuing = conditions.find((condition) => condition.type === 'Issuing' && condition.status === 'True');
  if (issuing) return health('Progressing', text(issuing.message));
  return conditionVerdict(conditions, 'Ready') ?? health('Progressing', 'Waiting for certificate');
}

export function issuerHealth(issuer: KubeObject): HealthStatus {
  return conditionVerdict(conditionsOf(issuer), 'Ready') ?? health('Progressing', 'Initializing issuer');
}
