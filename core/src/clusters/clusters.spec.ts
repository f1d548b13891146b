import { IN_CLUSTER_SERVER } from './cluster-config';
import { parseClusterSecrets, type ClusterSecretLike } from './cluster-secret';
import { describeCluster } from './describe-cluster';

function secret(
  name: string,
  stringData: Record<string, string>,
  labels: Record<string, string> = {},
): ClusterSecretLike {
  return {
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...labels } },
    stringData,
  };
}

describe('parseClusterSecrets', () => {
  it('keeps the first of two Secrets for one server and names both, and reads the shard pin', () => {
    const { clusters, problems } = parseClusterSecrets([
      secret('a', { name: 'a', server: 'https://x.test', shard: '1' }),
      secret('b', { name: 'b', server: 'https://x.test/' }),
      secret('c', { name: 'c', server: 'https://y.test', shard: 'two' }),
    ]);
    expect(clusters.map((cluster) => cluster.name)).toEqual(['in-cluster', 'a']);
    expect(clusters[1]?.shard).toBe(1);
    expect(problems).toEqual([
      'cluster Secret argocd/b defines server https://x.test, which cluster Secret argocd/a already defines — remove one of them',
      'cluster Secret argocd/c has shard="two" — use a replica number (0, 1, …)',
    ]);
  });

  it('reads cluster Secrets as Argo CD does and keeps the in-cluster destination', () => {
    const { clusters, problems } = parseClusterSecrets([
      secret(
        'prod',
        {
          name: 'prod',
          server: 'https://prod.example.test:6443/',
          namespaces: 'team-a, team-b',
          clusterResources: 'true',
          project: 'platform',
          config: JSON.stringify({ bearerToken: 'tok', tlsClientConfig: { insecure: false, caData: 'Q0E=' } }),
        },
        { env: 'prod' },
      ),
    ]);
    expect(problems).toEqual([]);
    expect(clusters.map((cluster) => [cluster.name, cluster.server, cluster.source])).toEqual([
      ['in-cluster', IN_CLUSTER_SERVER, ''],
      ['prod', 'https://prod.example.test:6443', 'argocd/prod'],
    ]);
    expect(clusters[1]).toMatchObject({
      namespaces: ['team-a', 'team-b'],
      clusterResources: true,
      project: 'platform',
      labels: { env: 'prod' },
    });
  });

  it('lets a Secret redefine the in-cluster server (e.g. to limit namespaces)', () => {
    const { clusters } = parseClusterSecrets([
      secret('local', { name: 'local', server: IN_CLUSTER_SERVER, namespaces: 'apps' }),
    ]);
    expect(clusters.map((cluster) => cluster.name)).toEqual(['local']);
  });

  it('skips a broken Secret with one line that names it, never a value', () => {
    const { clusters, problems } = parseClusterSecrets([
      secret('no-server', { config: '{"bearerToken":"hunter2"}' }),
      secret('bad-config', { server: 'https://x', config: '{bearerToken: hunter2' }),
      secret('bad-flag', { server: 'https://y', clusterResources: 'maybe' }),
    ]);
    expect(problems).toEqual([
      'cluster Secret argocd/no-server has no "server" — add the API server URL under data.server',
      'cluster Secret argocd/bad-config has a "config" that is not JSON — it holds Argo CD\'s ClusterConfig, e.g. {"bearerToken": "…", "tlsClientConfig": {…}}',
      'cluster Secret argocd/bad-flag has clusterResources="maybe" — use true or false',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(clusters.map((cluster) => cluster.name)).toEqual(['in-cluster']);
  });
});

describe('describeCluster', () => {
  it('says how a cluster authenticates, without the credential', () => {
    const { clusters } = parseClusterSecrets([
      secret('token', {
        server: 'https://a',
        config: JSON.stringify({ bearerToken: 'SECRET-TOKEN', tlsClientConfig: { insecure: true } }),
      }),
      secret('exec', {
        server: 'https://b',
        config: JSON.stringify({ execProviderConfig: { command: 'argocd-k8s-auth', args: ['aws'] } }),
      }),
      secret('cert', {
        server: 'https://c',
        config: JSON.stringify({ tlsClientConfig: { certData: 'C', keyData: 'SECRET-KEY' } }),
      }),
    ]);
    const described = clusters.map(describeCluster);
    expect(described.map((cluster) => [cluster.name, cluster.authentication, cluster.insecure])).toEqual([
      ['in-cluster', 'in-cluster', false],
      ['https://a', 'bearerToken', true],
      ['https://b', 'exec', false],
      ['https://c', 'tlsClientCert', false],
    ]);
    expect(JSON.stringify(described)).not.toMatch(/SECRET-TOKEN|SECRET-KEY/);
  });
});
