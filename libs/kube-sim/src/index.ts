// @driftless/kube-sim: an embedded Kubernetes API server with simulated
// controllers and kubelets, for tests, benchmarks and local mode.
export { startKubeSim, clusterName, type KubeSim, type KubeSimOptions } from './kube-sim';
export { SimCluster } from './sim-cluster';
export type { ControllerManager } from './controllers/controller-manager';
export { defaultTiming, type SimTiming } from './timing';
export { simAnnotations, faultImages } from './annotations';
export { FaultInjector, type ApiFaults } from './faults/api-faults';
export {
  ClusterApi,
  type DeleteOptions,
  type ListQuery,
  type ListResult,
  type PatchType,
  type PropagationPolicy,
  type Subresource,
  type WriteOptions,
} from './api/cluster-api';
export { ApiError, type StatusObject, type StatusReason } from './api/status';
export { ObjectStore, type StoreEvent, type WatchEventType } from './store/object-store';
export type { KubeObject, ObjectMeta, OwnerReference, ManagedFieldsEntry } from './store/kube-object';
export type { ResourceType } from './registry/resource-type';
export { applyStrategicMergePatch } from './patch/strategic-merge';
export { applyMergePatch } from './patch/merge-patch';
export { serverSideApply, trackUpdate } from './patch/server-side-apply';
export { builtinMergeSchema, type MergeSchema } from './patch/schema';
