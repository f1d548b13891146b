// autoscaling/HorizontalPodAutoscaler. autoscaling/v1 keeps its conditions in
// an annotation (JSON); v2, v2beta1 and v2beta2 in status.conditions.
import { health, type HealthStatus } from '../health-status';
import { annotation, conditionsOf, record, text, type KubeObject } from '../object-fields';

const V1_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
const WAITING = health('Progressing', 'Waiting to Autoscale');

/** (type, reason) pairs that mean the autoscaler cannot do its job. */
const DEGRADED_REASONS: Readonly<Record<string, readonly string[]>> = {
  AbleToScale: ['FailedGetScale', 'FailedUpdateScale'],
  ScalingActive: [
    'FailedGetResourceMetric',
    'FailedGetObjectMetric',
    'FailedGetPodsMetric',
    'FailedGetExternalMetric',
    'FailedComputeMetricsReplicas',
    'InvalidSelector',
  ],
};

const HEALTHY_TYPES = ['AbleToScale', 'ScalingLimited'];

export function horizontalPodAutoscalerHealth(autoscaler: KubeObject): HealthStatus {
  const apiVersion = text(autoscaler.apiVersion);
  if (apiVersion === 'autoscaling/v1') {
    const encoded = annotation(autoscaler, V1_CONDITIONS_ANNOTATION);
    if (encoded === undefined) return WAITING;
    let decoded: unknown;
    try {
      decoded = JSON.parse(encoded);
    } catch (error) {
      return health('Unknown', `failed to convert conditions annotation to typed: ${(error as Error).message}`);
    }
    if (!Array.isArray(decoded)) {
      return health('Unknown', `failed to convert conditions annotation to typed: expected a JSON array`);
    }
    return judgeConditions(decoded.map(record));
  }
  return judgeConditions(conditionsOf(autoscaler));
}

function judgeConditions(conditions: KubeObject[]): HealthStatus {
  // A failing condition wins wherever it appears: AbleToScale can be True while
  // ScalingActive reports that metrics cannot be read.
  const failing = conditions.find((condition) =>
    DEGRADED_REASONS[text(condition.type)]?.includes(text(condition.reason)),
  );
  if (failing) return health('Degraded', text(failing.message));
  const healthy = conditions.find(
    (condition) => HEALTHY_TYPES.includes(text(condition.type)) && condition.status === 'True',
  );
  return healthy ? health('Healthy', text(healthy.message)) : WAITING;
}
