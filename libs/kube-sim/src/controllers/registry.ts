// Every simulated controller, in the order their reconciles run within a tick.
import type { Controller } from './controller-manager';
import { cronJobController } from './cronjob-controller';
import { daemonSetController } from './daemonset-controller';
import { deploymentController } from './deployment-controller';
import { eventExpiry } from './event-recorder';
import { garbageCollector } from './garbage-collector';
import { jobController } from './job-controller';
import { kubelet } from './kubelet';
import { namespaceController } from './namespace-controller';
import { replicaSetController } from './replicaset-controller';
import { ingressController, persistentVolumeClaimController, serviceController } from './service-controller';
import { statefulSetController } from './statefulset-controller';

export const controllers: Controller[] = [
  namespaceController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  statefulSetController,
  daemonSetController,
  jobController,
  cronJobController,
  kubelet,
  serviceController,
  ingressController,
  persistentVolumeClaimController,
  eventExpiry,
];
