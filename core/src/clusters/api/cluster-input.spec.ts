import { IN_CLUSTER_SERVER } from '../cluster-config';
import { clusterSecretInput, connectionConfig, updatedCluster } from './cluster-input';
import { removal, selectCluster, storedClusters } from './cluster-match';
import { clusterSecret } from './cluster-secret-spec';

describe('cluster input to the Secret Argo CD writes', () => {
  it('maps the ClusterConfig input, dropping empty values', () => {
    expect(
      connectionConfig({
        bearerToken: 't',
        username: '',
        tlsClientConfig: { insecure: true, caData: null },
        execProviderConfig: { command: 'aws', args: [], env: { A: '1' } },
      }),
    ).toEqual({
      bearerToken: 't',
      tlsClientConfig: { insecure: true },
      execProviderConfig: { command: 'aws', env: { A: '1' } },
    });
  });

  it('refuses a server that is not an http(s) URL and the last-applied annotation', () => {
    expect(() => clusterSecretInput({ server: 'prod' })).toThrow(/not an http\(s\) URL/);
    expect(() =>
      clusterSecretInput({
        server: 'https://x',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      }),
    ).toThrow(/cannot be set/);
  });

  it('updates names, namespaces and project but never the credentials', () => {
    const input = clusterSecretInput({
      server: 'https://prod.example.test',
      name: 'prod',
      project: 'team',
      config: { bearerToken: 't' },
    });
    const secret = { ...clusterSecret('argocd', input), metadata: { ...clusterSecret('argocd', input).metadata } };
    const [stored] = storedClusters([secret as never], 'argocd').filter((entry) => entry.secret);
    const next = updatedCluster(stored!.cluster, { namespaces: ['a'], project: '' });
    expect(next).toMatchObject({ name: 'prod', namespaces: ['a'], project: undefined, config: { bearerToken: 't' } });
  });

  it('always knows the in-cluster destination, selects by server or name, and deletes only managed Secrets', () => {
    const clusters = storedClusters([], 'argocd');
    expect(selectCluster(clusters, 'in-cluster').map((entry) => entry.cluster.server)).toEqual([IN_CLUSTER_SERVER]);
    expect(selectCluster(clusters, `${IN_CLUSTER_SERVER}/`)).toHaveLength(1);
    expect(removal({ metadata: { annotations: { 'managed-by': 'argocd.argoproj.io' } } })).toEqual({ delete: true });
    expect(
      removal({ metadata: { name: 's', labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'x' } } }),
    ).toEqual({
      delete: false,
      replacement: { metadata: { name: 's', labels: { env: 'x' } } },
    });
  });
});
