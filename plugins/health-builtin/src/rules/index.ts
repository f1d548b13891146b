// The built-in rules, by "group/Kind" ("Kind" for the core group).
import type { HealthRule } from '../health-rule';
import { apiServiceHealth } from './api-service';
import { argoRolloutHealth } from './argo-rollout';
import { argoWorkflowHealth } from './argo-workflow';
import { certificateHealth, issuerHealth } from './cert-manager';
import { cronJobHealth } from './cronjob';
import { daemonSetHealth } from './daemonset';
import { deploymentHealth } from './deployment';
import { externalSecretHealth, secretStoreHealth } from './external-secret';
import { horizontalPodAutoscalerHealth } from './horizontal-pod-autoscaler';
import { ingressHealth } from './ingress';
import { jobHealth } from './job';
import { scaledObjectHealth } from './keda-scaled-object';
import { namespaceHealth } from './namespace';
import { persistentVolumeClaimHealth } from './persistent-volume-claim';
import { podHealth } from './pod';
import { replicaSetHealth } from './replicaset';
import { sealedSecretHealth } from './sealed-secret';
import { serviceHealth } from './service';
import { statefulSetHealth } from './statefulset';

export const BUILTIN_HEALTH_RULES: ReadonlyMap<string, HealthRule> = new Map<string, HealthRule>([
  ['apps/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['Pod', podHealth],
  ['Service', serviceHealth],
  ['PersistentVolumeClaim', persistentVolumeClaimHealth],
  ['Namespace', namespaceHealth],
  ['batch/Job', jobHealth],
  ['batch/CronJob', cronJobHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['extensions/Ingress', ingressHealth],
  ['apiregistration.k8s.io/APIService', apiServiceHealth],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerHealth],
  ['argoproj.io/Workflow', argoWorkflowHealth],
  ['argoproj.io/Rollout', argoRolloutHealth],
  ['cert-manager.io/Certificate', certificateHealth],
  ['cert-manager.io/Issuer', issuerHealth],
  ['cert-manager.io/ClusterIssuer', issuerHealth],
  ['external-secrets.io/ExternalSecret', externalSecretHealth],
  ['external-secrets.io/SecretStore', secretStoreHealth],
  ['bitnami.com/SealedSecret', sealedSecretHealth],
  ['keda.sh/ScaledObject', scaledObjectHealth],
]);
