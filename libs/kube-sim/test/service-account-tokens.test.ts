// Long-lived service-account tokens over HTTPS with client-node: the token
// controller fills kubernetes.io/service-account-token Secrets, the API server
// accepts their tokens next to its own, and deleting the Secret or the
// ServiceAccount revokes them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '../src';
import { caught, eventually, startSim, statusCode } from './support';

jest.setTimeout(20_000);

let sim: KubeSim;
let admin: CoreV1Api;

beforeAll(async () => {
  let kubeConfig: KubeConfig;
  ({ sim, kubeConfig } = await startSim());
  admin = kubeConfig.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await sim.stop();
});

/** A client of the (first) cluster that authenticates with `token` instead of the kubeconfig's. */
function clientWithToken(token: string, of: KubeSim = sim): CoreV1Api {
  const kubeConfig = new KubeConfig();
  const cluster = of.clusters[0]!;
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'sim',
        server: cluster.server,
        ...(of.caCertPem ? { caData: Buffer.from(of.caCertPem).toString('base64') } : {}),
        skipTLSVerify: !of.caCertPem,
      },
    ],
    users: [{ name: 'bot', token }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'bot' }],
    currentContext: 'sim',
  });
  return kubeConfig.makeApiClient(CoreV1Api);
}

const decoded = (secret: V1Secret, key: string): string => Buffer.from(secret.data?.[key] ?? '', 'base64').toString();

async function tokenSecret(name: string, account: string): Promise<void> {
  await admin.createNamespacedSecret({
    namespace: 'kube-system',
    body: {
      metadata: { name, annotations: { 'kubernetes.io/service-account.name': account } },
      type: 'kubernetes.io/service-account-token',
    },
  });
}

async function filled(name: string): Promise<V1Secret> {
  return eventually(
    async () => {
      const secret = await admin.readNamespacedSecret({ name, namespace: 'kube-system' });
      return secret.data?.token ? secret : undefined;
    },
    5_000,
    `the token of ${name}`,
  );
}

describe('service-account tokens', () => {
  it('fills token, ca.crt and namespace, and the token authenticates until its Secret is deleted', async () => {
    const account = await admin.createNamespacedServiceAccount({
      namespace: 'kube-system',
      body: { metadata: { name: 'deployer' } },
    });
    await tokenSecret('deployer-token', 'deployer');
    const secret = await filled('deployer-token');
    expect(decoded(secret, 'namespace')).toBe('kube-system');
    expect(decoded(secret, 'ca.crt')).toBe(sim.caCertPem);
    expect(secret.metadata?.annotations?.['kubernetes.io/service-account.uid']).toBe(account.metadata?.uid);

    const token = decoded(secret, 'token');
    const bot = clientWithToken(token);
    expect((await bot.listNamespace()).items.map((namespace) => namespace.metadata?.name)).toContain('kube-system');
    expect(statusCode(await caught(() => clientWithToken(`${token}x`).listNamespace()))).toBe(401);

    await admin.deleteNamespacedSecret({ name: 'deployer-token', namespace: 'kube-system' });
    expect(statusCode(await caught(() => bot.listNamespace()))).toBe(401);
    expect(sim.clusters[0]!.controllers.errors).toEqual([]);
  });

  it('waits for the ServiceAccount, and revokes the token when the ServiceAccount is deleted', async () => {
    await tokenSecret('late-token', 'late');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = await admin.readNamespacedSecret({ name: 'late-token', namespace: 'kube-system' });
    expect(waiting.data?.token).toBeUndefined();

    await admin.createNamespacedServiceAccount({ namespace: 'kube-system', body: { metadata: { name: 'late' } } });
    const bot = clientWithToken(decoded(await filled('late-token'), 'token'));
    await bot.listNamespace();

    await admin.deleteNamespacedServiceAccount({ name: 'late', namespace: 'kube-system' });
    expect(statusCode(await caught(() => bot.listNamespace()))).toBe(401);
    await eventually(
      async () =>
        statusCode(await caught(() => admin.readNamespacedSecret({ name: 'late-token', namespace: 'kube-system' }))) ===
        404,
      5_000,
      'the token Secret to be deleted with its ServiceAccount',
    );
  });

  it('keeps the cluster token working and still refuses anything else', async () => {
    await admin.listNamespace();
    expect(statusCode(await caught(() => clientWithToken('not-a-token').listNamespace()))).toBe(401);
  });

  it('keeps a token valid across a restart with persisted state, though the cluster token changes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kube-sim-tokens-'));
    try {
      const first = await startKubeSim({ tls: false, dataDir });
      const core = first.clusters[0]!.api;
      const type = (kind: string) => core.types.byKind('', kind)!;
      core.create(type('ServiceAccount'), 'kube-system', { metadata: { name: 'keeper' } });
      core.create(type('Secret'), 'kube-system', {
        metadata: { name: 'keeper-token', annotations: { 'kubernetes.io/service-account.name': 'keeper' } },
        type: 'kubernetes.io/service-account-token',
      });
      const token = await eventually(() => {
        const secret = core.tryGet(type('Secret'), 'kube-system', 'keeper-token');
        const data = secret?.data as Record<string, string> | undefined;
        return data?.token ? Buffer.from(data.token, 'base64').toString() : undefined;
      });
      await first.stop();
      const second = await startKubeSim({ tls: false, dataDir });
      try {
        expect(second.clusters[0]!.token).not.toBe(first.clusters[0]!.token);
        await clientWithToken(token, second).listNamespace();
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
