import { CustomObjectsApi } from '@kubernetes/client-node';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { eventually } from '../controller/support';
import { createApplication, installArgoCrds } from '../support/argo-resources';
import { postGraphql } from '../support/graphql';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

interface ApplicationNode {
  name: string;
  project: string;
  sources: { repoURL: string; path: string | null; targetRevision: string | null }[];
  destination: { server: string | null; namespace: string | null };
  autoSync: boolean;
  syncStatus: string | null;
  healthStatus: string | null;
}

interface Connection {
  applications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: ApplicationNode }[];
  };
}

const listQuery = `query ($first: Int, $after: String, $projects: [String!]) {
  applications(first: $first, after: $after, projects: $projects) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name project sources { repoURL path targetRevision } destination { server namespace } autoSync syncStatus healthStatus } }
  }
}`;

describe('applications query', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel;
  const namespace = uniqueNamespace();

  beforeAll(async () => {
    cluster = await startTestCluster();
    const { kubeConfig } = cluster.connection;
    await installArgoCrds(kubeConfig, namespace);
    await createApplication(kubeConfig, {
      name: 'guestbook',
      namespace,
      spec: { syncPolicy: { automated: { prune: true } } },
      status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
    });
    await createApplication(kubeConfig, { name: 'billing', namespace, project: 'payments' });
    await createApplication(kubeConfig, {
      name: 'multi',
      namespace,
      spec: {
        source: undefined,
        sources: [
          { repoURL: 'https://charts.example.test', chart: 'redis', targetRevision: '19.*' },
          { repoURL: 'https://git.example.test/values.git', ref: 'values' },
        ],
      },
    });
    kernel = await startTestKernel({ cluster: cluster.connection, namespace });
  });

  afterAll(async () => {
    await kernel?.stop();
    await cluster?.stop();
  });

  it('lists applications by name with their summary fields', async () => {
    const { body } = await postGraphql<Connection>(kernel.url, listQuery);
    expect(body.errors).toBeUndefined();
    const connection = body.data!.applications;
    expect(connection.totalCount).toBe(3);
    expect(connection.edges.map((edge) => edge.node.name)).toEqual(['billing', 'guestbook', 'multi']);
    expect(connection.edges[1]?.node).toEqual({
      name: 'guestbook',
      project: 'default',
      sources: [
        { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook', targetRevision: 'HEAD' },
      ],
      destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
      autoSync: true,
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
    });
    expect(connection.edges[0]?.node).toMatchObject({ autoSync: false, syncStatus: null, healthStatus: null });
    expect(connection.edges[2]?.node.sources.map((source) => source.repoURL)).toEqual([
      'https://charts.example.test',
      'https://git.example.test/values.git',
    ]);
  });

  it('pages with first/after and filters by project', async () => {
    const first = await postGraphql<Connection>(kernel.url, listQuery, { first: 2 });
    expect(first.body.data!.applications.pageInfo.hasNextPage).toBe(true);
    const second = await postGraphql<Connection>(kernel.url, listQuery, {
      first: 2,
      after: first.body.data!.applications.pageInfo.endCursor,
    });
    expect(second.body.data!.applications.edges.map((edge) => edge.node.name)).toEqual(['multi']);
    const payments = await postGraphql<Connection>(kernel.url, listQuery, { projects: ['payments'] });
    expect(payments.body.data!.applications.edges.map((edge) => edge.node.name)).toEqual(['billing']);
  });

  it('answers BAD_USER_INPUT for a bad page size', async () => {
    const { body } = await postGraphql<Connection>(kernel.url, listQuery, { first: 0 });
    expect(body.errors?.[0]).toMatchObject({
      message: '"first" must be a whole number from 1 to 1000, got 0',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('gets one application, or null when there is none', async () => {
    const query = 'query ($name: String!) { application(name: $name) { name project } }';
    const found = await postGraphql<{ application: unknown }>(kernel.url, query, { name: 'billing' });
    expect(found.body.data?.application).toEqual({ name: 'billing', project: 'payments' });
    const missing = await postGraphql<{ application: unknown }>(kernel.url, query, { name: 'nope' });
    expect(missing.body.errors).toBeUndefined();
    expect(missing.body.data?.application).toBeNull();
  });

  it('filters, and counts facets over what the other filters leave', async () => {
    const query = `query ($filter: ApplicationFilterInput) {
      applications(filter: $filter) {
        totalCount
        edges { node { name } }
        facets { project { value count } syncStatus { value count } autoSync { value count } repo { value count } }
      }
    }`;
    interface Faceted {
      applications: {
        totalCount: number;
        edges: { node: { name: string } }[];
        facets: Record<string, { value: string; count: number }[]>;
      };
    }
    const { body } = await postGraphql<Faceted>(kernel.url, query, { filter: { syncStatuses: ['Synced'] } });
    expect(body.errors).toBeUndefined();
    const { totalCount, edges, facets } = body.data!.applications;
    expect([totalCount, edges.map((edge) => edge.node.name)]).toEqual([1, ['guestbook']]);
    // The sync facet ignores its own filter; the others count what it leaves.
    expect(facets.syncStatus).toEqual([
      { value: 'Unknown', count: 2 },
      { value: 'Synced', count: 1 },
    ]);
    expect(facets.project).toEqual([{ value: 'default', count: 1 }]);
    expect(facets.autoSync).toEqual([{ value: 'true', count: 1 }]);

    const byRepo = await postGraphql<Faceted>(kernel.url, query, {
      filter: { repos: ['https://GIT.example.test/values'], search: 'MUL' },
    });
    expect(byRepo.body.data!.applications.edges.map((edge) => edge.node.name)).toEqual(['multi']);

    const bad = await postGraphql<Faceted>(kernel.url, query, { filter: { labelSelector: 'team in shop' } });
    expect(bad.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^labelSelector: "team in shop"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('lists from a watch: an application created or deleted later shows up', async () => {
    const { kubeConfig } = cluster.connection;
    await createApplication(kubeConfig, { name: 'zeta', namespace });
    await eventually(async () => {
      const { body } = await postGraphql<Connection>(kernel.url, listQuery);
      expect(body.data!.applications.edges.map((edge) => edge.node.name)).toEqual([
        'billing',
        'guestbook',
        'multi',
        'zeta',
      ]);
    });
    await kubeConfig.makeApiClient(CustomObjectsApi).deleteNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace,
      name: 'zeta',
    });
    await eventually(async () => {
      const { body } = await postGraphql<Connection>(kernel.url, listQuery);
      expect(body.data!.applications.totalCount).toBe(3);
    });
  });
});
