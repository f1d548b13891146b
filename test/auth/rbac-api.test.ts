// RBAC on the GraphQL API with argocd-rbac-cm: lists filtered object by object,
// a forbidden application answered exactly like a missing one (BI-RBAC-5),
// decisions from the stored object (an app moved to another project out of
// band), and the `can` query (argocd account can-i).
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ArgocdSecretStore } from '../../core/src/auth/accounts/argocd-secret.store';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { createApplication, installArgoCrds } from '../support/argo-resources';
import { useKernelFixture } from '../support/kernel-fixture';
import { initialAdminPassword } from '../support/test-kernel';
import { gql, login, setConfigMap } from './auth-support';

const POLICY = `p, alice, applications, get, team-a/*, allow
p, alice, applicationsets, get, team-a/*, allow
p, alice, projects, get, team-a, allow
p, role:repo-reader, repositories, get, https://git.example.com/*, allow
g, alice, role:repo-reader
`;

describe('RBAC on the GraphQL API', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      const { kubeConfig } = cluster.connection;
      await installArgoCrds(kubeConfig, namespace);
      const custom = kubeConfig.makeApiClient(CustomObjectsApi);
      for (const name of ['team-a', 'team-b'])
        await custom.createNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'appprojects',
          namespace,
          body: {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'AppProject',
            metadata: { name },
            spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
          },
        });
      await createApplication(kubeConfig, { name: 'web', namespace, project: 'team-a' });
      await createApplication(kubeConfig, { name: 'db', namespace, project: 'team-b' });
      for (const [name, project] of [
        ['web-set', 'team-a'],
        ['db-set', 'team-b'],
      ] as const)
        await custom.createNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          plural: 'applicationsets',
          namespace,
          body: {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'ApplicationSet',
            metadata: { name },
            spec: {
              generators: [{ list: { elements: [{ cluster: 'in-cluster' }] } }],
              template: {
                metadata: { name: `${name}-{{cluster}}` },
                spec: {
                  project,
                  source: { repoURL: 'https://git.example.com/a.git', path: 'x' },
                  destination: { server: 'https://kubernetes.default.svc', namespace: 'x' },
                },
              },
            },
          },
        });
      const core = kubeConfig.makeApiClient(CoreV1Api);
      for (const [name, url] of [
        ['repo-a', 'https://git.example.com/a.git'],
        ['repo-b', 'https://other.example.com/b.git'],
      ] as const)
        await core.createNamespacedSecret({
          namespace,
          body: {
            metadata: { name, labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
            stringData: { url, password: `canary-${name}` },
          },
        });
      await setConfigMap(cluster.connection, namespace, 'argocd-cm', {
        'accounts.alice': 'login',
        'accounts.bob': 'login',
      });
      await setConfigMap(cluster.connection, namespace, 'argocd-rbac-cm', { 'policy.csv': POLICY });
    },
  });
  const tokens: Record<string, string> = {};
  const as = <T>(user: string, query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(fixture.kernel.url, tokens[user] ?? null, query, variables);

  beforeAll(async () => {
    fixture.kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    fixture.kernel.app.get(ArgocdSecretStore).ttlMs = 0;
    const adminPassword = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
    tokens.admin = await login(fixture.kernel.url, 'admin', adminPassword);
    for (const user of ['alice', 'bob']) {
      const set = await as(
        'admin',
        'mutation ($c: String!, $n: String!, $u: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $u) }',
        { c: adminPassword, n: `${user}-password`, u: user },
      );
      expect(set.data).toEqual({ updatePassword: true });
      tokens[user] = await login(fixture.kernel.url, user, `${user}-password`);
    }
  });

  const everything = `{
    applications { totalCount edges { node { name } } }
    applicationSets { name project generators }
    projects { name }
    repositories { url }
    clusters { server }
    plugins { id }
    accounts { name }
  }`;
  interface Everything {
    applications: { totalCount: number; edges: { node: { name: string } }[] };
    applicationSets: { name: string; project: string; generators: string[] }[];
    projects: { name: string }[];
    repositories: { url: string }[];
    clusters: { server: string }[];
    plugins: { id: string }[];
    accounts: { name: string }[];
  }
  const summary = (data: Everything | undefined) => ({
    applications: data?.applications.edges.map((edge) => edge.node.name),
    total: data?.applications.totalCount,
    applicationSets: data?.applicationSets.map((set) => `${set.project}/${set.name} ${set.generators.join(',')}`),
    projects: data?.projects.map((project) => project.name),
    repositories: data?.repositories.map((repository) => repository.url),
    clusters: data?.clusters.length,
    plugins: (data?.plugins.length ?? 0) > 0,
    accounts: data?.accounts.map((account) => account.name),
  });

  it('filters every list by what each caller may get', async () => {
    expect(summary((await as<Everything>('admin', everything)).data)).toEqual({
      applications: ['db', 'web'],
      total: 2,
      applicationSets: ['team-b/db-set list', 'team-a/web-set list'],
      projects: ['team-a', 'team-b'],
      repositories: ['https://git.example.com/a.git', 'https://other.example.com/b.git'],
      clusters: 1,
      plugins: true,
      accounts: ['admin', 'alice', 'bob'],
    });
    expect(summary((await as<Everything>('alice', everything)).data)).toEqual({
      applications: ['web'],
      total: 1,
      applicationSets: ['team-a/web-set list'],
      projects: ['team-a'],
      repositories: ['https://git.example.com/a.git'],
      clusters: 0,
      plugins: false,
      accounts: [],
    });
    expect(summary((await as<Everything>('bob', everything)).data)).toEqual({
      applications: [],
      total: 0,
      applicationSets: [],
      projects: [],
      repositories: [],
      clusters: 0,
      plugins: false,
      accounts: [],
    });
  });

  it('answers a forbidden application exactly like a missing one (BI-RBAC-5)', async () => {
    const query = 'query ($name: String!) { application(name: $name) { name project } }';
    const forbidden = await as('alice', query, { name: 'db' });
    const missing = await as('alice', query, { name: 'no-such-app' });
    expect(forbidden.status).toBe(missing.status);
    expect(forbidden.text).toBe(missing.text);
    expect(forbidden.text).toBe('{"data":{"application":null}}');
    expect((await as('alice', query, { name: 'web' })).data).toEqual({
      application: { name: 'web', project: 'team-a' },
    });
  });

  it('decides on the stored object: an app moved to another project out of band disappears', async () => {
    const custom = fixture.cluster.connection.kubeConfig.makeApiClient(CustomObjectsApi);
    const target = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespace: fixture.namespace };
    await custom.patchNamespacedCustomObject(
      { ...target, name: 'web', body: { spec: { project: 'team-b' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    try {
      expect((await as('alice', '{ application(name: "web") { name } }')).data).toEqual({ application: null });
      expect((await as<Everything>('alice', everything)).data?.applications.totalCount).toBe(0);
    } finally {
      await custom.patchNamespacedCustomObject(
        { ...target, name: 'web', body: { spec: { project: 'team-a' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
  });

  it('answers can(action, resource, object) as argocd account can-i does', async () => {
    const can = async (user: string, action: string, resource: string, object: string) =>
      (
        await as<{ can: boolean }>(
          user,
          'query ($a: String!, $r: String!, $o: String!) { can(action: $a, resource: $r, object: $o) }',
          {
            a: action,
            r: resource,
            o: object,
          },
        )
      ).data?.can;
    expect(await can('alice', 'get', 'applications', 'team-a/web')).toBe(true);
    expect(await can('alice', 'sync', 'applications', 'team-a/web')).toBe(false);
    expect(await can('alice', 'get', 'applications', 'team-b/db')).toBe(false);
    expect(await can('bob', 'get', 'projects', 'team-a')).toBe(false);
    expect(await can('admin', 'sync', 'applications', 'team-b/db')).toBe(true);
    const bad = await as('alice', '{ can(action: "get", resource: "secrets", object: "x") }');
    expect(bad.error?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('hides account tokens and passwords from every answer (BI-LEAK-1)', async () => {
    const text = (await as('admin', everything)).text;
    expect(text).not.toContain('canary-repo');
    expect(text).not.toContain('$2a$');
  });

  it('installs, upgrades, disables and uninstalls plugins through Plugin resources, for callers RBAC allows', async () => {
    const install = `mutation ($input: InstallPluginInput!) {
      installPlugin(input: $input) { id package enabled phase generation }
    }`;
    const plugins = fixture.cluster.connection.kubeConfig.makeApiClient(CustomObjectsApi);
    const coordinates = { group: 'driftless.io', version: 'v1alpha1', plural: 'plugins', namespace: fixture.namespace };
    const stored = async () =>
      ((await plugins.getNamespacedCustomObject({ ...coordinates, name: 'acme.notifier' })) as { spec: unknown }).spec;
    const input = { id: 'acme.notifier', package: 'acme-notifier@1.0.0' };

    const refused = await as('alice', install, { input });
    expect([refused.error?.extensions?.code, refused.error?.message]).toEqual(['FORBIDDEN', 'permission denied']);
    await expect(plugins.getNamespacedCustomObject({ ...coordinates, name: 'acme.notifier' })).rejects.toThrow();

    const created = await as('admin', install, {
      input: {
        ...input,
        integrity: 'sha512-abc',
        grants: { httpHosts: ['hooks.example.com'], httpNetworks: ['private'], crypto: true },
      },
    });
    expect(created.data).toEqual({
      installPlugin: { id: 'acme.notifier', package: 'acme-notifier@1.0.0', enabled: true, phase: null, generation: 1 },
    });
    expect(await stored()).toEqual({
      package: 'acme-notifier@1.0.0',
      integrity: 'sha512-abc',
      grants: { http: { hosts: ['hooks.example.com'], networks: ['private'] }, crypto: true },
      enabled: true,
    });
    const upgraded = await as<{ installPlugin: { generation: number } }>('admin', install, {
      input: { ...input, package: 'acme-notifier@2.0.0' },
    });
    expect(upgraded.data?.installPlugin.generation).toBe(2);

    const disable = 'mutation { setPluginEnabled(id: "acme.notifier", enabled: false) { enabled } }';
    expect((await as('alice', disable)).error?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('admin', disable)).data).toEqual({ setPluginEnabled: { enabled: false } });
    expect(await stored()).toMatchObject({ package: 'acme-notifier@2.0.0', enabled: false });
    const listed = await as<{ pluginResources: { id: string; enabled: boolean }[] }>(
      'admin',
      '{ pluginResources { id enabled } }',
    );
    expect(listed.data?.pluginResources).toEqual([{ id: 'acme.notifier', enabled: false }]);
    expect(
      (await as<{ pluginResources: unknown[] }>('alice', '{ pluginResources { id } }')).data?.pluginResources,
    ).toEqual([]);

    const bad = await as('admin', install, { input: { ...input, id: 'Bad_Id' } });
    expect([bad.error?.extensions?.code, bad.error?.message]).toEqual([
      'BAD_USER_INPUT',
      "plugin id \"Bad_Id\" is not a valid name (lowercase letters, digits, '-' and '.')",
    ]);
    const network = await as('admin', install, { input: { ...input, grants: { httpNetworks: ['internet'] } } });
    expect(network.error?.extensions?.code).toBe('BAD_USER_INPUT');

    const uninstall = 'mutation { uninstallPlugin(id: "acme.notifier") }';
    expect((await as('alice', uninstall)).error?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('admin', uninstall)).data).toEqual({ uninstallPlugin: true });
    await expect(plugins.getNamespacedCustomObject({ ...coordinates, name: 'acme.notifier' })).rejects.toThrow();
    // Gone reads like forbidden.
    expect((await as('admin', uninstall)).error?.message).toBe('permission denied');
  });
});
