// The usual suite setup: an embedded cluster and a kernel (server role) on
// real Redis, started before the suite's tests and stopped after them.
import { type Role } from '../../core/src/kernel/roles';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { startTestCluster, type TestCluster } from './test-cluster';
import { startTestKernel, uniqueNamespace } from './test-kernel';

export interface KernelFixture {
  cluster: TestCluster;
  kernel: RunningKernel;
  /** The control-plane namespace of this suite (also namespaces its Redis keys and channels). */
  namespace: string;
}

export interface KernelFixtureOptions {
  /** Runs against the cluster before the kernel starts, e.g. to install CRDs and Applications. */
  prepare?: (cluster: TestCluster, namespace: string) => Promise<void>;
  roles?: Role[];
  env?: Record<string, string>;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in once beforeAll has run. */
export function useKernelFixture(options: KernelFixtureOptions = {}): KernelFixture {
  const fixture = { namespace: uniqueNamespace() } as KernelFixture;
  beforeAll(async () => {
    fixture.cluster = await startTestCluster();
    await options.prepare?.(fixture.cluster, fixture.namespace);
    fixture.kernel = await startTestKernel({
      cluster: fixture.cluster.connection,
      namespace: fixture.namespace,
      ...(options.roles ? { roles: options.roles } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
  });
  afterAll(async () => {
    await fixture.kernel?.stop();
    await fixture.cluster?.stop();
  });
  return fixture;
}
