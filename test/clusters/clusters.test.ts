// Destination clusters over GraphQL and the CLI, from cluster Secrets in the
// embedded cluster: where and how, never a credential.
import { CoreV1Api } from '@kubernetes/client-node';
import { postGraphql } from '../support/graphql';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

describe('clusters', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      const core = cluster.connection.kubeConfig.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      await core.createNamespacedSecret({
        namespace,
        body: {
          metadata: { name: 'prod', labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'prod' } },
          stringData: {
            name: 'prod',
            server: 'https://prod.example.test:6443',
            namespaces: 'shop,payments',
            project: 'platform',
            config: JSON.stringify({ bearerToken: 'prod-token-value', tlsClientConfig: { caData: 'Q0E=' } }),
          },
        },
      });
    },
  });

  it('lists in-cluster and the cluster Secrets, without credentials', async () => {
    const { body } = await postGraphql<{ clusters: unknown[] }>(
      fixture.kernel.url,
      '{ clusters { name server namespaces project authentication source } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.clusters).toEqual([
      {
        name: 'in-cluster',
        server: 'https://kubernetes.default.svc',
        namespaces: [],
        project: null,
        authentication: 'in-cluster',
        source: '',
      },
      {
        name: 'prod',
        server: 'https://prod.example.test:6443',
        namespaces: ['shop', 'payments'],
        project: 'platform',
        authentication: 'bearerToken',
        source: `${fixture.namespace}/prod`,
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('prod-token-value');
  });

  it('prints them with driftless cluster list', async () => {
    const { code, stdout } = await runCliInProcess(['cluster', 'list', '--server', fixture.kernel.url, '-o', 'wide']);
    expect(code).toBe(0);
    expect(stdout.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['SERVER', 'NAME', 'PROJECT', 'NAMESPACES', 'AUTH', 'SECRET'],
      ['https://kubernetes.default.svc', 'in-cluster', '*', 'in-cluster'],
      [
        'https://prod.example.test:6443',
        'prod',
        'platform',
        'shop,payments',
        'bearerToken',
        `${fixture.namespace}/prod`,
      ],
      [''],
    ]);
  });
});
