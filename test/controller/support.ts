// Shared pieces of the controller suites: a kernel with the controller and
// repo-server roles over kube-sim, a real git repository served as file://,
// and helpers to read Applications and apply live objects as a sync would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { type Application } from '@driftless/schema';
import { describeConnection } from '../../core/src/kube/cluster-connection';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { type Role } from '../../core/src/kernel/roles';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo, type TestRepo } from '../support/git-servers/make-repo';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

export interface ControllerFixture {
  sim: KubeSim;
  kubeConfig: KubeConfig;
  namespace: string;
  repo: TestRepo;
  repoURL: string;
  kernel: RunningKernel;
  startKernel(roles?: Role[]): Promise<RunningKernel>;
}

export interface ControllerFixtureOptions {
  clusters?: number;
  files: Record<string, string>;
  argocdCm?: Record<string, string>;
  /** Further kernel environment variables. */
  env?: Record<string, string>;
  /** Runs after the CRDs and namespace exist, before the kernel starts. */
  prepare?: (fixture: ControllerFixture) => Promise<void>;
}

export function kubeConfigOf(sim: KubeSim, index = 0): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  kubeConfig.setCurrentContext(sim.clusters[index]?.name ?? '');
  return kubeConfig;
}

export function useControllerFixture(options: ControllerFixtureOptions): ControllerFixture {
  const fixture = { namespace: uniqueNamespace() } as ControllerFixture;
  const base = mkdtempSync(join(tmpdir(), 'driftless-controller-'));
  const kernels: RunningKernel[] = [];
  beforeAll(async () => {
    fixture.sim = await startKubeSim({ clusters: options.clusters ?? 1 });
    fixture.kubeConfig = kubeConfigOf(fixture.sim);
    await installArgoCrds(fixture.kubeConfig, fixture.namespace);
    await applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-cm', namespace: fixture.namespace },
        data: { 'timeout.reconciliation': '2s', 'timeout.reconciliation.jitter': '0s', ...options.argocdCm },
      } as KubernetesObject,
    ]);
    fixture.repo = await makeRepo(join(base, 'repo.git'), options.files);
    fixture.repoURL = `file://${fixture.repo.dir}`;
    fixture.startKernel = async (roles: Role[] = ['controller', 'repo-server']) => {
      const kernel = await startTestKernel({
        cluster: describeConnection(fixture.kubeConfig, 'kubeconfig'),
        namespace: fixture.namespace,
        roles,
        env: {
          DRIFTLESS_ALLOW_FILE_URLS: 'true',
          DRIFTLESS_REPO_CACHE_DIR: join(base, `cache-${kernels.length}`),
          ...options.env,
        },
      });
      kernels.push(kernel);
      return kernel;
    };
    await options.prepare?.(fixture);
    fixture.kernel = await fixture.startKernel();
  });
  afterAll(async () => {
    for (const kernel of kernels) await kernel.stop().catch(() => undefined);
    await fixture.sim?.stop();
    rmSync(base, { recursive: true, force: true });
  });
  return fixture;
}

export async function ensureNamespaces(kubeConfig: KubeConfig, ...names: string[]): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  for (const name of names) await core.createNamespace({ body: { metadata: { name } } }).catch(() => undefined);
}

/** Creates or replaces objects, as a sync would. */
export async function applyLive(kubeConfig: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    try {
      await client.create(object);
    } catch {
      const live = await client.read(object as never);
      await client.replace({
        ...object,
        metadata: { ...object.metadata, resourceVersion: live.metadata?.resourceVersion },
      } as KubernetesObject);
    }
  }
}

export async function createApp(
  fixture: ControllerFixture,
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): Promise<void> {
  await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: fixture.namespace, ...(annotations ? { annotations } : {}) },
    spec: { project: 'default', ...spec },
  } as KubernetesObject);
}

export async function readApp(fixture: ControllerFixture, name: string): Promise<Application> {
  return (await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).read({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: fixture.namespace },
  })) as unknown as Application;
}

/** Polls until `check` passes (it throws until then); fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** Waits until the app's status passes `expectation` (a jest expect inside). */
export function appStatus(
  fixture: ControllerFixture,
  name: string,
  expectation: (app: Application) => void,
  timeoutMs?: number,
): Promise<Application> {
  return eventually(async () => {
    const app = await readApp(fixture, name);
    expectation(app);
    return app;
  }, timeoutMs);
}

/** `object` with the tracking annotation a sync by `app` writes: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackedBy(
  app: string,
  object: KubernetesObject,
  namespace = object.metadata?.namespace ?? '',
): KubernetesObject {
  const apiVersion = object.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const trackingId = `${app}:${group}/${object.kind ?? ''}:${namespace}/${object.metadata?.name ?? ''}`;
  return {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: { ...object.metadata?.annotations, 'argocd.argoproj.io/tracking-id': trackingId },
    },
  };
}

export async function deleteLive(kubeConfig: KubeConfig, object: KubernetesObject): Promise<void> {
  await KubernetesObjectApi.makeApiClient(kubeConfig).delete(object);
}

/** The value of one sample on the kernel's /metrics (`name` with exactly `labels`); 0 when absent. */
export async function metricValue(
  kernel: RunningKernel,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${kernel.url}/metrics`)).text();
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (present === wanted) return Number(match[3]);
  }
  return 0;
}

/** Asks for a refresh with the refresh annotation and waits until the controller has answered it. */
export async function refreshNow(fixture: ControllerFixture, name: string): Promise<Application> {
  await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace: fixture.namespace, annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
    },
    undefined,
    undefined,
    undefined,
    undefined,
    'application/merge-patch+json',
  );
  return appStatus(fixture, name, (app) =>
    expect(app.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined(),
  );
}

/** A cluster Secret as Argo CD reads it, for a kube-sim cluster: bearer token and the sim's CA. */
export function clusterSecret(
  controlNamespace: string,
  secretName: string,
  cluster: { name: string; server: string; token: string; shard?: number },
  sim: KubeSim,
): KubernetesObject {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const config = { bearerToken: cluster.token, tlsClientConfig: { caData: base64(sim.caCertPem ?? '') } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName,
      namespace: controlNamespace,
      labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
    },
    type: 'Opaque',
    data: {
      name: base64(cluster.name),
      server: base64(cluster.server),
      config: base64(JSON.stringify(config)),
      ...(cluster.shard !== undefined ? { shard: base64(String(cluster.shard)) } : {}),
    },
  } as KubernetesObject;
}
