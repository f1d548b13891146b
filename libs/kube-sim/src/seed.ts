// What a fresh cluster contains before anyone writes to it: the system
// namespaces, the `kubernetes` service and N Ready nodes.
import type { ClusterApi } from './api/cluster-api';
import type { ResourceType } from './registry/resource-type';

function typeOf(api: ClusterApi, kind: string): ResourceType {
  const type = api.types.byKind('', kind);
  if (!type) throw new Error(`kube-sim: built-in kind ${kind} is not registered`);
  return type;
}

export function nodeObject(name: string, now: string): Record<string, unknown> {
  const condition = (type: string, status: string, reason: string): Record<string, string> => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kube-sim',
      },
    },
    spec: {},
    status: {
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
        condition('Ready', 'True', 'KubeletReady'),
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0-kube-sim',
        containerRuntimeVersion: 'kube-sim://1.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
        osImage: 'kube-sim',
        kernelVersion: '6.0.0',
        kubeProxyVersion: '',
        machineID: name,
        systemUUID: name,
        bootID: name,
      },
    },
  };
}

export function seedCluster(api: ClusterApi, nodes: number): void {
  const system = { fieldManager: 'kube-apiserver' };
  const namespaces = typeOf(api, 'Namespace');
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create(namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, system);
  }
  api.create(
    typeOf(api, 'Service'),
    'default',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 6443 }], clusterIP: '10.96.0.1' },
    },
    system,
  );
  const nodeType = typeOf(api, 'Node');
  for (let index = 1; index <= nodes; index += 1) {
    const node = api.create(nodeType, undefined, nodeObject(`sim-node-${index}`, api.now()), {
      fieldManager: 'kubelet',
    });
    api.update(nodeType, undefined, node.metadata.name ?? '', nodeObject(node.metadata.name ?? '', api.now()), {
      fieldManager: 'kubelet',
      subresource: 'status',
    });
  }
}
