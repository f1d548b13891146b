// The scale subresource's view of an object: an autoscaling/v1 Scale built
// from the paths the type declares.
import type { ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../store/kube-object';
import { readPath } from './object-path';
import { errors } from './status';

export function scaleView(type: ResourceType, object: KubeObject): KubeObject {
  const scale = type.scaleSubresource;
  if (!scale) throw errors.notFound(`${type.plural}/scale`, type.group, object.metadata.name ?? '');
  const selector = scale.labelSelectorPath ? readPath(object, scale.labelSelectorPath) : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name ?? '',
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
      ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
      ...(object.metadata.creationTimestamp ? { creationTimestamp: object.metadata.creationTimestamp } : {}),
    },
    spec: { replicas: Number(readPath(object, scale.specReplicasPath) ?? 0) },
    status: {
      replicas: Number(readPath(object, scale.statusReplicasPath) ?? 0),
      ...(typeof selector === 'string' ? { selector } : {}),
    },
  };
}
