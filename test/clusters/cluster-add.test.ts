// `driftless cluster add|get|rm` against two embedded clusters: cluster 2 is
// registered into cluster 1's argocd namespace with the argocd-manager service
// account Argo CD installs, its token works against cluster 2, and nothing the
// CLI prints ever carries it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1Secret } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { dump, load } from 'js-yaml';
import { fnv32a } from '../../core/src/repo/credentials/repository-secret-spec';
import { closedPort } from '../support/ports';
import { runCliInProcess, type CliResult } from '../support/run-cli';

jest.setTimeout(60_000);

const base = mkdtempSync(join(tmpdir(), 'driftless-cluster-add-'));
const kubeconfig = join(base, 'kubeconfig');
const namespace = 'argocd';
let sim: KubeSim;
let controlPlane: CoreV1Api;
let target: CoreV1Api;
/** Everything the CLI printed, to check that no token ever appears in it. */
const printed: string[] = [];
/** The argocd-manager token `cluster add` stored. */
let token = '';
let goneServer = '';

/** The admin kubeconfig of cluster `index` (1 or 2). */
function kubeConfigOf(index: number): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  kubeConfig.setCurrentContext(`kube-sim-${index}`);
  return kubeConfig;
}

async function cli(...args: string[]): Promise<CliResult> {
  const result = await runCliInProcess(args);
  printed.push(result.stdout, result.stderr);
  return result;
}

const add = (...args: string[]) =>
  cli(
    'cluster',
    'add',
    ...args,
    '--kubeconfig',
    kubeconfig,
    '--control-plane-kubeconfig',
    kubeconfig,
    '--control-plane-namespace',
    namespace,
    '--yes',
  );
const onControlPlane = (command: string, ...args: string[]) =>
  cli('cluster', command, ...args, '--kubeconfig', kubeconfig, '--namespace', namespace);

const values = (secret: V1Secret | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(secret?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
  );

async function clusterSecrets(): Promise<V1Secret[]> {
  return (
    await controlPlane.listNamespacedSecret({ namespace, labelSelector: 'argocd.argoproj.io/secret-type=cluster' })
  ).items;
}

/** A client of cluster 2 that authenticates with `token` only. */
function withToken(token: string): CoreV1Api {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: sim.clusters[1]!.server,
        caData: Buffer.from(sim.caCertPem ?? '').toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kubeConfig.makeApiClient(CoreV1Api);
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: 2 });
  // Two more contexts: one whose server does not answer, one with no cluster behind it.
  const config = load(sim.kubeconfigYaml()) as {
    clusters: { name: string; cluster: Record<string, unknown> }[];
    contexts: { name: string; context: Record<string, unknown> }[];
  };
  goneServer = `https://127.0.0.1:${await closedPort()}`;
  config.clusters.push({ name: 'gone', cluster: { server: goneServer, 'insecure-skip-tls-verify': true } });
  config.contexts.push({ name: 'gone', context: { cluster: 'gone', user: 'kube-sim-2' } });
  writeFileSync(kubeconfig, dump(config));
  controlPlane = kubeConfigOf(1).makeApiClient(CoreV1Api);
  target = kubeConfigOf(2).makeApiClient(CoreV1Api);
  await controlPlane.createNamespace({ body: { metadata: { name: namespace } } });
  for (const name of ['apps', 'web']) await target.createNamespace({ body: { metadata: { name } } });
});

afterAll(async () => {
  await sim?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('cluster add', () => {
  it('installs argocd-manager in cluster 2 and writes the Secret Argo CD would, with a token that works', async () => {
    const server = sim.clusters[1]!.server;
    const added = await add('kube-sim-2', '--label', 'env=test', '--annotation', 'team=core');
    expect(added).toMatchObject({ code: 0, stdout: `Cluster '${server}' added\n` });

    const [secret, ...others] = await clusterSecrets();
    expect(others).toEqual([]);
    expect(secret?.metadata?.name).toBe(`cluster-127.0.0.1-${fnv32a(server)}`);
    expect(secret?.metadata?.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'cluster', env: 'test' });
    expect(secret?.metadata?.annotations).toEqual({ 'managed-by': 'argocd.argoproj.io', team: 'core' });
    const { config, ...fields } = values(secret);
    expect(fields).toEqual({ server, name: 'kube-sim-2' });
    const parsed = JSON.parse(config ?? '') as { bearerToken: string; tlsClientConfig: Record<string, unknown> };
    expect(parsed.tlsClientConfig).toEqual({
      insecure: false,
      caData: Buffer.from(sim.caCertPem ?? '').toString('base64'),
    });
    token = parsed.bearerToken;
    expect(token).not.toBe('');
    expect(token).not.toBe(sim.clusters[1]!.token);

    // The token is the argocd-manager service account's, and it works against cluster 2.
    const tokenSecret = await target.readNamespacedSecret({
      name: 'argocd-manager-long-lived-token',
      namespace: 'kube-system',
    });
    expect(values(tokenSecret).token).toBe(token);
    expect((await withToken(token).listNamespace()).items.length).toBeGreaterThan(0);
    const rbac = kubeConfigOf(2).makeApiClient(RbacAuthorizationV1Api);
    expect((await rbac.readClusterRole({ name: 'argocd-manager-role' })).rules).toEqual([
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]);
    expect((await rbac.readClusterRoleBinding({ name: 'argocd-manager-role-binding' })).subjects).toEqual([
      { kind: 'ServiceAccount', name: 'argocd-manager', namespace: 'kube-system' },
    ]);
  });

  it('adds the same cluster again without change, and refuses different settings without --upsert', async () => {
    const before = (await clusterSecrets())[0]?.metadata?.resourceVersion;
    expect(await add('kube-sim-2', '--label', 'env=test', '--annotation', 'team=core')).toMatchObject({ code: 0 });
    expect((await clusterSecrets())[0]?.metadata?.resourceVersion).toBe(before);

    const refused = await add('kube-sim-2', '--project', 'platform');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^driftless: cluster https:\/\/127\.0\.0\.1:\d+ exists with different settings \(Secret argocd\/cluster-127\.0\.0\.1-\d+\) — add --upsert to replace it\n$/,
    );
    expect(values((await clusterSecrets())[0]).project).toBeUndefined();
  });

  it('with --namespace and --upsert: namespace-scoped roles and the Secret replaced', async () => {
    const added = await add(
      'kube-sim-2',
      '--upsert',
      '--name',
      'team-cluster',
      '--namespace',
      'apps',
      '--namespace',
      'web',
      '--cluster-resources',
      '--project',
      'platform',
      '--shard',
      '1',
    );
    expect(added.code).toBe(0);
    const secrets = await clusterSecrets();
    expect(secrets).toHaveLength(1);
    const { config, ...fields } = values(secrets[0]);
    expect(fields).toEqual({
      server: sim.clusters[1]!.server,
      name: 'team-cluster',
      namespaces: 'apps,web',
      clusterResources: 'true',
      project: 'platform',
      shard: '1',
    });
    expect(JSON.parse(config ?? '')).toMatchObject({ bearerToken: token });
    expect(secrets[0]?.metadata?.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'cluster' });
    const rbac = kubeConfigOf(2).makeApiClient(RbacAuthorizationV1Api);
    for (const name of ['apps', 'web']) {
      expect((await rbac.readNamespacedRole({ name: 'argocd-manager-role', namespace: name })).rules).toEqual([
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      ]);
      expect(
        (await rbac.readNamespacedRoleBinding({ name: 'argocd-manager-role-binding', namespace: name })).roleRef,
      ).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argocd-manager-role' });
    }
  });

  it('stores an exec provider instead of a token with --exec-command', async () => {
    const added = await add(
      'kube-sim-2',
      '--upsert',
      '--exec-command',
      'argocd-k8s-auth',
      '--exec-command-args',
      'aws',
      '--exec-command-args',
      '--cluster-name=prod',
      '--exec-command-env',
      'AWS_REGION=eu-west-1,AWS_PROFILE=ops',
      '--exec-command-api-version',
      'client.authentication.k8s.io/v1beta1',
    );
    expect(added.code).toBe(0);
    const config = JSON.parse(values((await clusterSecrets())[0]).config ?? '') as Record<string, unknown>;
    expect(config.bearerToken).toBeUndefined();
    expect(config.execProviderConfig).toEqual({
      command: 'argocd-k8s-auth',
      args: ['aws', '--cluster-name=prod'],
      env: { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'ops' },
      apiVersion: 'client.authentication.k8s.io/v1beta1',
    });
  });
});

describe('cluster add with existing credentials or the in-cluster address', () => {
  it('takes the token of an existing service account with --service-account, and names a missing one', async () => {
    const missing = await add('kube-sim-2', '--upsert', '--service-account', 'deployer');
    expect(missing).toMatchObject({
      code: 1,
      stderr:
        'driftless: ServiceAccount kube-system/deployer does not exist — create it, or leave out --service-account to install argocd-manager\n',
    });
    await target.createNamespacedServiceAccount({ namespace: 'kube-system', body: { metadata: { name: 'deployer' } } });
    expect((await add('kube-sim-2', '--upsert', '--service-account', 'deployer')).code).toBe(0);
    const { bearerToken } = JSON.parse(values((await clusterSecrets())[0]).config ?? '') as { bearerToken: string };
    const tokenSecret = await target.readNamespacedSecret({
      name: 'deployer-long-lived-token',
      namespace: 'kube-system',
    });
    expect(bearerToken).toBe(values(tokenSecret).token);
    expect(bearerToken).not.toBe(token);
  });

  it('registers the in-cluster address with --in-cluster, a Secret of its own', async () => {
    const added = await add('kube-sim-2', '--in-cluster', '--name', 'local');
    expect(added).toMatchObject({ code: 0, stdout: "Cluster 'https://kubernetes.default.svc' added\n" });
    const local = (await clusterSecrets()).find((secret) => values(secret).name === 'local');
    expect(local?.metadata?.name).toBe(`cluster-kubernetes.default.svc-${fnv32a('https://kubernetes.default.svc')}`);
    expect(values(local).server).toBe('https://kubernetes.default.svc');
    const removed = await onControlPlane('rm', 'https://kubernetes.default.svc', '--yes');
    expect(removed).toMatchObject({ code: 0, stdout: "Cluster 'https://kubernetes.default.svc' removed\n" });
  });
});

describe('cluster get', () => {
  it('shows the cluster by name or server, and how it authenticates without the credential', async () => {
    expect((await add('kube-sim-2', '--upsert', '--label', 'env=test')).code).toBe(0);
    const server = sim.clusters[1]!.server;
    const json = await onControlPlane('get', 'kube-sim-2', '-o', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      server,
      name: 'kube-sim-2',
      namespaces: [],
      clusterResources: false,
      project: null,
      shard: null,
      labels: { env: 'test' },
      annotations: { 'managed-by': 'argocd.argoproj.io' },
      connection: { authentication: 'bearerToken', tlsVerification: true, caData: true, disableCompression: false },
      secret: `${namespace}/cluster-127.0.0.1-${fnv32a(server)}`,
    });

    const text = await onControlPlane('get', server);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Server: +https:\/\/127\.0\.0\.1:\d+$/m);
    expect(text.stdout).toMatch(/^Authentication: +bearer token$/m);
    expect(text.stdout).toMatch(/^Namespaces: +all namespaces$/m);

    const inCluster = await onControlPlane('get', 'in-cluster', '-o', 'yaml');
    expect(inCluster.stdout).toContain('server: https://kubernetes.default.svc');
    const missing = await onControlPlane('get', 'nope');
    expect(missing).toMatchObject({
      code: 1,
      stderr: `driftless: no cluster named nope in namespace ${namespace} — list them with: driftless cluster list\n`,
    });
  });
});

describe('cluster rm', () => {
  it('refuses the built-in in-cluster destination', async () => {
    for (const selector of ['in-cluster', 'https://kubernetes.default.svc']) {
      const refused = await onControlPlane('rm', selector, '--yes');
      expect(refused).toMatchObject({
        code: 1,
        stderr:
          'driftless: in-cluster (https://kubernetes.default.svc) is the built-in in-cluster destination, not a cluster Secret — there is nothing to remove\n',
      });
    }
  });

  it('deletes the Secret by name, after which the name is unknown', async () => {
    const removed = await onControlPlane('rm', 'kube-sim-2', '--yes');
    expect(removed).toMatchObject({ code: 0, stdout: "Cluster 'kube-sim-2' removed\n" });
    expect(await clusterSecrets()).toEqual([]);
    expect((await onControlPlane('rm', 'kube-sim-2', '--yes')).code).toBe(1);
  });

  it('only drops the cluster label of a Secret it did not create, as Argo CD does', async () => {
    await controlPlane.createNamespacedSecret({
      namespace,
      body: {
        metadata: { name: 'declared', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
        stringData: { name: 'declared', server: 'https://declared.example.test' },
      },
    });
    const removed = await onControlPlane('rm', 'https://declared.example.test/', '--yes');
    expect(removed.code).toBe(0);
    expect(removed.stderr).toMatch(
      /was not created by a CLI .* kept, without its argocd\.argoproj\.io\/secret-type label/,
    );
    const kept = await controlPlane.readNamespacedSecret({ name: 'declared', namespace });
    expect(kept.metadata?.labels ?? {}).toEqual({});
  });
});

describe('errors', () => {
  it('names an unknown context and the ones there are, in one line', async () => {
    const result = await add('nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `driftless: context "nope" does not exist in kubeconfig ${kubeconfig} — use one of: kube-sim-1, kube-sim-2, gone\n`,
    );
  });

  it('says which cluster does not answer, in one line, and changes nothing', async () => {
    const result = await add('gone');
    expect(result.code).toBe(3);
    expect(result.stderr.startsWith(`driftless: cannot reach cluster ${goneServer} (context gone): `)).toBe(true);
    expect(result.stderr).toMatch(/ECONNREFUSED.* — nothing was changed\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await clusterSecrets()).toEqual([]);
  });

  it('never printed a token', () => {
    const tokens = [token, sim.clusters[0]!.token, sim.clusters[1]!.token];
    expect(token).not.toBe('');
    const output = printed.join('');
    for (const secretToken of tokens) expect(output).not.toContain(secretToken);
    expect(output).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });
});
