import {
  clusterConfigJson,
  clusterSecret,
  clusterSecretName,
  sameCluster,
  type ClusterSecretInput,
} from './cluster-secret-spec';

const input: ClusterSecretInput = {
  server: 'https://prod.example.test:6443',
  name: 'prod',
  namespaces: [],
  clusterResources: false,
  project: undefined,
  shard: undefined,
  labels: {},
  annotations: {},
  config: { bearerToken: 'tok', tlsClientConfig: { insecure: false, caData: 'Q0E=' } },
};

describe('clusterSecretName', () => {
  it.each([
    // Argo CD's own expectations (util/db Test_URIToSecretName).
    ['http://foo', 'cluster-foo-752281925'],
    [
      'http://thelongestdomainnameintheworld.argocd-project.com:3000',
      'cluster-thelongestdomainnameintheworld.argocd-project.com-2721640553',
    ],
    ['http://[fe80::1ff:fe23:4567:890a]', 'cluster-fe80--1ff-fe23-4567-890a-3877258831'],
    ['http://[fe80::1ff:fe23:4567:890a]:8000', 'cluster-fe80--1ff-fe23-4567-890a-664858999'],
    ['http://[FE80::1FF:FE23:4567:890A]:8000', 'cluster-fe80--1ff-fe23-4567-890a-682802007'],
    ['http://:/abc', 'cluster--1969338796'],
  ])('%s → %s', (server, name) => {
    expect(clusterSecretName(server)).toBe(name);
  });

  it('refuses what is not an absolute URL', () => {
    expect(() => clusterSecretName('prod.example.test')).toThrow(/not an absolute URL/);
  });
});

describe('clusterSecret', () => {
  it('writes the fields Argo CD writes, only when set, with its label and annotation', () => {
    const secret = clusterSecret('argocd', {
      ...input,
      server: 'https://prod.example.test:6443/',
      namespaces: ['a', 'b'],
      clusterResources: true,
      project: 'platform',
      shard: 2,
      labels: { env: 'prod' },
      annotations: { team: 'core' },
    });
    expect(secret.metadata).toEqual({
      name: clusterSecretName('https://prod.example.test:6443/'),
      namespace: 'argocd',
      labels: { env: 'prod', 'argocd.argoproj.io/secret-type': 'cluster' },
      annotations: { team: 'core', 'managed-by': 'argocd.argoproj.io' },
    });
    expect(secret.stringData).toEqual({
      server: 'https://prod.example.test:6443',
      name: 'prod',
      namespaces: 'a,b',
      config: '{"bearerToken":"tok","tlsClientConfig":{"insecure":false,"caData":"Q0E="}}',
      shard: '2',
      clusterResources: 'true',
      project: 'platform',
    });
    expect(Object.keys(clusterSecret('argocd', input).stringData)).toEqual(['server', 'name', 'config']);
  });

  it('marshals ClusterConfig in Go field order, always with tlsClientConfig.insecure', () => {
    expect(clusterConfigJson({})).toBe('{"tlsClientConfig":{"insecure":false}}');
    expect(
      JSON.parse(
        clusterConfigJson({
          proxyUrl: 'http://proxy:3128',
          disableCompression: true,
          execProviderConfig: { command: 'argocd-k8s-auth', args: ['aws'], env: {}, apiVersion: '' },
          tlsClientConfig: { caData: 'Q0E=', keyData: 'S0VZ', certData: 'Q0VSVA==', serverName: 'api', insecure: true },
        }),
      ),
    ).toEqual({
      tlsClientConfig: { insecure: true, serverName: 'api', certData: 'Q0VSVA==', keyData: 'S0VZ', caData: 'Q0E=' },
      execProviderConfig: { command: 'argocd-k8s-auth', args: ['aws'] },
      disableCompression: true,
      proxyUrl: 'http://proxy:3128',
    });
  });
});

describe('sameCluster', () => {
  const desired = clusterSecret('argocd', input);
  const stored = (stringData: Record<string, string>, annotations: Record<string, string> = {}) => ({
    metadata: { labels: { 'argocd.argoproj.io/secret-type': 'cluster' }, annotations },
    data: Object.fromEntries(
      Object.entries(stringData).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  });

  it('ignores key order in config and the markers Argo CD and kubectl add', () => {
    const config = '{"tlsClientConfig":{"caData":"Q0E=","insecure":false},"bearerToken":"tok"}';
    const existing = stored(
      { ...desired.stringData, config },
      { 'managed-by': 'argocd.argoproj.io', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    );
    expect(sameCluster(existing, desired)).toBe(true);
  });

  it('sees a different token, project or label; without config only the rest', () => {
    const otherToken = stored({ ...desired.stringData, config: clusterConfigJson({ bearerToken: 'other' }) });
    expect(sameCluster(otherToken, desired)).toBe(false);
    expect(sameCluster(otherToken, desired, false)).toBe(true);
    expect(sameCluster(stored({ ...desired.stringData, project: 'x' }), desired, false)).toBe(false);
    expect(sameCluster({ ...stored(desired.stringData), metadata: { labels: { env: 'x' } } }, desired, false)).toBe(
      false,
    );
  });
});
