// Idempotent creation of the resources Driftless needs in its control-plane
// cluster (its CRDs, its namespace): create, or update what is already there.
import { kubeStatusCode } from './api-status';
import { type KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';

function objectHeader(object: KubernetesObject): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
} {
  const { apiVersion, kind, metadata } = object;
  if (!apiVersion || !kind || !metadata?.name)
    throw new Error('an object to apply needs apiVersion, kind and metadata.name');
  return {
    apiVersion,
    kind,
    metadata: { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) },
  };
}

/** Creates each object, or replaces it (keeping its resourceVersion) when it exists. */
export async function applyObjects(kubeConfig: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    try {
      await client.create(object);
    } catch (error) {
      if (kubeStatusCode(error) !== 409) throw error;
      const live = await client.read(objectHeader(object));
      await client.replace({
        ...object,
        metadata: { ...object.metadata, resourceVersion: live.metadata?.resourceVersion },
      } as KubernetesObject);
    }
  }
}

/** Creates a namespace unless it exists. */
export async function ensureNamespace(kubeConfig: KubeConfig, name: string): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  try {
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  } catch (error) {
    if (kubeStatusCode(error) !== 409) throw error;
  }
}
