// A controller started before its CRDs and namespace exist: the kernel starts
// anyway (other roles in the process must not die with it), the controller
// waits, and it starts reconciling once they are installed.
import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { type Application } from '@driftless/schema';
import { installArgoCrds } from '../support/argo-resources';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { eventually } from './support';

describe('a controller whose control plane is not ready', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel | undefined;
  const namespace = uniqueNamespace();

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await kernel?.stop();
    await cluster.stop();
  });

  it('starts, waits for the CRDs and namespace, then reconciles', async () => {
    kernel = await startTestKernel({ cluster: cluster.connection, namespace, roles: ['controller'] });
    const { kubeConfig } = cluster.connection;
    await installArgoCrds(kubeConfig, namespace);
    const client = KubernetesObjectApi.makeApiClient(kubeConfig);
    await client.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'late', namespace },
      spec: {
        project: 'missing',
        source: { repoURL: 'https://example.test/repo.git', path: '.', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      },
    } as KubernetesObject);
    // The controller created the default project and reported this app's missing one.
    const app = await eventually(async () => {
      const current = (await client.read({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'late', namespace },
      })) as unknown as Application;
      expect(current.status?.conditions?.[0]?.message).toBe(
        'Application referencing project missing which does not exist',
      );
      return current;
    }, 30_000);
    expect(app.status?.sync?.status).toBe('Unknown');
    await client.read({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'default', namespace },
    });
  });
});
