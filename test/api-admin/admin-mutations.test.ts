// Repository, credential-template, cluster and project mutations against one
// running server (kube-sim, a real git HTTP server with basic auth): each
// family over raw GraphQL and through the CLI, RBAC refusals that look exactly
// like missing objects, no credential in any answer, and project role tokens
// from creation through use (inside and outside their project) to revocation.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { decodeJwt } from 'jose';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { ArgocdSecretStore } from '../../core/src/auth/accounts/argocd-secret.store';
import { eventually, gql, login, setConfigMap } from '../auth/auth-support';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo, startGitHttpServer, type GitHttpServer } from '../support/git-servers';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';
import { initialAdminPassword } from '../support/test-kernel';

jest.setTimeout(90_000);

const GIT_PASSWORD = 'canary-git-password-5d1c';
const BEARER = 'canary-cluster-token-8e2a';
const CANARIES = [GIT_PASSWORD, BEARER];

const POLICY = `p, alice, projects, get, team, allow
p, alice, projects, update, team, allow
p, alice, repositories, *, team/*, allow
p, alice, clusters, get, team/*, allow
`;

const REPO_FIELDS = 'url type name project username secretsSet insecure source';
const CLUSTER_FIELDS = 'name server namespaces clusterResources project authentication insecure source';
const PROJECT_FIELDS =
  'name description spec roles { name policies groups tokens { id issuedAt expiresAt } } syncWindows { id kind schedule duration applications }';

describe('admin mutations: repositories, credential templates, clusters, projects, project tokens', () => {
  let base: string;
  let git: GitHttpServer;
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      await installArgoCrds(cluster.connection.kubeConfig, namespace);
      await setConfigMap(cluster.connection, namespace, 'argocd-cm', { 'accounts.alice': 'login' });
      await setConfigMap(cluster.connection, namespace, 'argocd-rbac-cm', { 'policy.csv': POLICY });
    },
  });
  const tokens: Record<string, string> = {};
  const as = <T>(user: string, query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(fixture.kernel.url, tokens[user] ?? user, query, variables);
  /** Every answer is checked for credentials. */
  const answers: string[] = [];
  const record = <T extends { text?: string; stdout?: string; stderr?: string }>(result: T): T => {
    answers.push(result.text ?? `${result.stdout ?? ''}${result.stderr ?? ''}`);
    return result;
  };
  const admin = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    record(await as<T>('admin', query, variables));
  const alice = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    record(await as<T>('alice', query, variables));
  const core = () => fixture.cluster.connection.kubeConfig.makeApiClient(CoreV1Api);
  const secretsOfType = async (type: string) =>
    (
      await core().listNamespacedSecret({
        namespace: fixture.namespace,
        labelSelector: `argocd.argoproj.io/secret-type=${type}`,
      })
    ).items;
  const decoded = (data: Record<string, string> | undefined) =>
    Object.fromEntries(
      Object.entries(data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
    );
  let repoUrl: string;

  beforeAll(async () => {
    fixture.kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    fixture.kernel.app.get(ArgocdSecretStore).ttlMs = 0;
    base = await mkdtemp(join(tmpdir(), 'driftless-admin-mutations-'));
    await makeRepo(join(base, 'repos', 'app.git'), { 'README.md': 'hello\n' });
    git = await startGitHttpServer({
      reposRoot: join(base, 'repos'),
      basicAuth: { username: 'bot', password: GIT_PASSWORD },
    });
    repoUrl = `${git.url}/app.git`;
    const adminPassword = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
    tokens.admin = await login(fixture.kernel.url, 'admin', adminPassword);
    const set = await as(
      'admin',
      'mutation ($c: String!, $n: String!, $u: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $u) }',
      { c: adminPassword, n: 'alice-password', u: 'alice' },
    );
    expect(set.error).toBeUndefined();
    tokens.alice = await login(fixture.kernel.url, 'alice', 'alice-password');
  });
  afterAll(async () => {
    await git?.close();
    if (base) await rm(base, { recursive: true, force: true });
    for (const answer of answers) for (const canary of CANARIES) expect(answer).not.toContain(canary);
  });

  describe('repositories over GraphQL', () => {
    const CREATE = `mutation ($r: RepositoryInput!, $upsert: Boolean) { createRepository(repository: $r, upsert: $upsert) { ${REPO_FIELDS} } }`;

    it('reads the repository with the new credentials, writes the Secret Argo CD writes, answers without the password', async () => {
      const refused = await admin(CREATE, { r: { url: repoUrl, username: 'bot', password: 'wrong-canary-1' } });
      expect(refused.error?.extensions?.code).toBe('FAILED_PRECONDITION');
      expect(refused.error?.message).toMatch(/^cannot reach .* — nothing was saved$/);
      expect(refused.text).not.toContain('wrong-canary-1');
      expect(await secretsOfType('repository')).toEqual([]);

      const created = await admin<{ createRepository: Record<string, unknown> }>(CREATE, {
        r: { url: repoUrl, username: 'bot', password: GIT_PASSWORD, insecure: true },
      });
      expect(created.error).toBeUndefined();
      expect(created.data?.createRepository).toMatchObject({
        url: repoUrl,
        type: 'git',
        username: 'bot',
        secretsSet: ['password'],
        insecure: true,
      });
      const [secret] = await secretsOfType('repository');
      expect(secret?.metadata?.name).toMatch(/^repo-\d+$/);
      expect(secret?.metadata?.annotations).toMatchObject({ 'managed-by': 'argocd.argoproj.io' });
      expect(decoded(secret?.data)).toEqual({
        url: repoUrl,
        type: 'git',
        username: 'bot',
        password: GIT_PASSWORD,
        insecure: 'true',
      });
    });

    it('leaves an equal repository alone and replaces a different one only with upsert', async () => {
      const same = await admin(CREATE, {
        r: { url: repoUrl, username: 'bot', password: GIT_PASSWORD, insecure: true },
      });
      expect(same.error).toBeUndefined();
      const different = await admin(CREATE, { r: { url: repoUrl, username: 'bot', password: GIT_PASSWORD } });
      expect(different.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(different.error?.message).toMatch(/exists with different settings — use upsert/);
      const upserted = await admin(CREATE, {
        r: { url: repoUrl, username: 'bot', password: GIT_PASSWORD },
        upsert: true,
      });
      expect(upserted.error).toBeUndefined();
      expect(decoded((await secretsOfType('repository'))[0]?.data).insecure).toBeUndefined();
    });

    it('lets a project-limited user act in its project only; forbidden answers exactly as missing', async () => {
      const elsewhere = await alice(CREATE, {
        r: { url: repoUrl, project: 'other', username: 'bot', password: GIT_PASSWORD },
      });
      expect(elsewhere.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
      const own = await alice<{ createRepository: { project: string } }>(CREATE, {
        r: { url: repoUrl, project: 'team', username: 'bot', password: GIT_PASSWORD },
      });
      expect(own.error).toBeUndefined();
      expect(own.data?.createRepository.project).toBe('team');

      const DELETE = 'mutation ($url: String!, $project: String) { deleteRepository(url: $url, project: $project) }';
      const forbidden = await alice(DELETE, { url: repoUrl, project: '' });
      const missing = await alice(DELETE, { url: `${git.url}/missing.git` });
      expect({ ...forbidden.error, locations: undefined }).toEqual({ ...missing.error, locations: undefined });
      expect(forbidden.error?.message).toBe('permission denied');
      const listed = await alice<{ repositories: { project: string }[] }>('{ repositories { project } }');
      expect(listed.data?.repositories).toEqual([{ project: 'team' }]);
    });

    it('creates, updates and deletes credential templates', async () => {
      const url = 'https://git.example.test/team';
      const created = await admin<{ createRepositoryCredentials: { secretsSet: string[] } }>(
        `mutation ($r: RepositoryInput!) { createRepositoryCredentials(credentials: $r) { ${REPO_FIELDS} } }`,
        { r: { url, username: 'u', password: GIT_PASSWORD } },
      );
      expect(created.data?.createRepositoryCredentials.secretsSet).toEqual(['password']);
      const [template] = await secretsOfType('repo-creds');
      expect(template?.metadata?.name).toMatch(/^creds-\d+$/);
      const projectOnTemplate = await admin(
        `mutation ($r: RepositoryInput!) { updateRepositoryCredentials(credentials: $r) { url } }`,
        { r: { url, project: 'team' } },
      );
      expect(projectOnTemplate.error?.extensions?.code).toBe('BAD_USER_INPUT');
      const updated = await admin<{ updateRepositoryCredentials: { username: string; secretsSet: string[] } }>(
        `mutation ($r: RepositoryInput!) { updateRepositoryCredentials(credentials: $r) { ${REPO_FIELDS} } }`,
        { r: { url, username: 'v', bearerToken: GIT_PASSWORD } },
      );
      expect(updated.data?.updateRepositoryCredentials).toMatchObject({ username: 'v', secretsSet: ['bearerToken'] });
      expect(
        (await admin('mutation ($url: String!) { deleteRepositoryCredentials(url: $url) }', { url })).data,
      ).toEqual({
        deleteRepositoryCredentials: true,
      });
      expect(await secretsOfType('repo-creds')).toEqual([]);
    });
  });

  describe('clusters over GraphQL', () => {
    const server = 'https://prod.example.test:6443';

    it('writes the cluster Secret Argo CD writes and answers how it authenticates, not with what', async () => {
      const created = await admin<{ createCluster: Record<string, unknown> }>(
        `mutation ($c: ClusterInput!) { createCluster(cluster: $c) { ${CLUSTER_FIELDS} } }`,
        { c: { server, name: 'prod', config: { bearerToken: BEARER, tlsClientConfig: { insecure: true } } } },
      );
      expect(created.error).toBeUndefined();
      expect(created.data?.createCluster).toMatchObject({
        name: 'prod',
        server,
        authentication: 'bearerToken',
        insecure: true,
      });
      const secret = (await secretsOfType('cluster')).find((candidate) => decoded(candidate.data).server === server);
      expect(secret?.metadata?.name).toMatch(/^cluster-prod\.example\.test-\d+$/);
      expect(JSON.parse(decoded(secret?.data).config ?? '{}')).toEqual({
        bearerToken: BEARER,
        tlsClientConfig: { insecure: true },
      });
    });

    it('updates name and namespaces keeping the credentials; renames in-cluster but never removes it', async () => {
      const UPDATE = `mutation ($c: String!, $u: ClusterUpdateInput!) { updateCluster(cluster: $c, update: $u) { ${CLUSTER_FIELDS} } }`;
      const updated = await admin<{ updateCluster: { namespaces: string[] } }>(UPDATE, {
        c: 'prod',
        u: { namespaces: ['a', 'b'] },
      });
      expect(updated.data?.updateCluster.namespaces).toEqual(['a', 'b']);
      const secret = (await secretsOfType('cluster')).find((candidate) => decoded(candidate.data).server === server);
      expect(JSON.parse(decoded(secret?.data).config ?? '{}').bearerToken).toBe(BEARER);

      const renamed = await admin<{ updateCluster: { name: string; server: string } }>(UPDATE, {
        c: 'in-cluster',
        u: { name: 'local' },
      });
      expect(renamed.data?.updateCluster).toMatchObject({ name: 'local', server: 'https://kubernetes.default.svc' });
      const removeLocal = await admin('mutation { deleteCluster(cluster: "local") }');
      expect(removeLocal.error?.message).toMatch(/in-cluster destination and cannot be removed/);
    });

    it('refuses a user without rights on the stored cluster exactly as a missing one', async () => {
      const UPDATE = 'mutation ($c: String!) { updateCluster(cluster: $c, update: { name: "x" }) { name } }';
      const forbidden = await alice(UPDATE, { c: server });
      const missing = await alice(UPDATE, { c: 'https://nowhere.example.test' });
      expect(forbidden.error).toEqual(missing.error);
      expect(forbidden.error?.message).toBe('permission denied');
      expect((await admin('mutation ($c: String!) { deleteCluster(cluster: $c) }', { c: server })).data).toEqual({
        deleteCluster: true,
      });
      expect((await secretsOfType('cluster')).map((candidate) => decoded(candidate.data).server)).toEqual([
        'https://kubernetes.default.svc',
      ]);
    });
  });

  describe('projects, roles, windows and role tokens over GraphQL', () => {
    it('creates a project, a role and a sync window; refuses server-managed fields and out-of-project policies', async () => {
      const created = await admin<{ createProject: { name: string } }>(
        `mutation ($p: ProjectInput!) { createProject(project: $p) { ${PROJECT_FIELDS} } }`,
        {
          p: {
            name: 'team',
            spec: { description: 'the team', sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
          },
        },
      );
      expect(created.error).toBeUndefined();
      const smuggled = await admin(
        'mutation ($p: ProjectInput!) { createProject(project: $p, upsert: true) { name } }',
        {
          p: { name: 'team', spec: { roles: [{ name: 'x', jwtTokens: [{ iat: 1 }] }] } },
        },
      );
      expect(smuggled.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(smuggled.error?.message).toMatch(/jwtTokens is set by the server/);

      const ROLE =
        'mutation ($r: ProjectRoleInput!) { createProjectRole(project: "team", role: $r) { roles { name policies } } }';
      const outside = await admin(ROLE, {
        r: { name: 'ci', policies: ['p, proj:team:ci, applications, get, other/*, allow'] },
      });
      expect(outside.error?.extensions?.code).toBe('BAD_USER_INPUT');
      const role = await admin<{ createProjectRole: { roles: { name: string }[] } }>(ROLE, {
        r: { name: 'ci', policies: ['p, proj:team:ci, repositories, get, team/*, allow'] },
      });
      expect(role.data?.createProjectRole.roles.map((entry) => entry.name)).toEqual(['ci']);
      const window = await admin<{ addProjectSyncWindow: { syncWindows: unknown[] } }>(
        'mutation { addProjectSyncWindow(project: "team", window: { kind: "deny", schedule: "0 22 * * *", duration: "1h", applications: ["*"] }) { syncWindows { id kind schedule duration applications } } }',
      );
      expect(window.data?.addProjectSyncWindow.syncWindows).toEqual([
        { id: 0, kind: 'deny', schedule: '0 22 * * *', duration: '1h', applications: ['*'] },
      ]);
    });

    it('mints a role token with Argo CD claims that works inside its project only, and stops working once deleted', async () => {
      const minted = await alice<{
        createProjectToken: { token: string; id: string; issuedAt: number; expiresAt: number | null };
      }>(
        'mutation { createProjectToken(project: "team", role: "ci", id: "ci-1", expiresIn: 3600) { token id issuedAt expiresAt } }',
      );
      expect(minted.error).toBeUndefined();
      const { token, issuedAt, expiresAt } = minted.data!.createProjectToken;
      expect(decodeJwt(token)).toMatchObject({
        iss: 'argocd',
        sub: 'proj:team:ci',
        jti: 'ci-1',
        iat: issuedAt,
        exp: expiresAt,
      });
      const detail = await admin<{ project: { roles: { tokens: unknown[] }[] } }>(
        `{ project(name: "team") { ${PROJECT_FIELDS} } }`,
      );
      expect(detail.data?.project.roles[0]?.tokens).toEqual([{ id: 'ci-1', issuedAt, expiresAt }]);
      expect(detail.text).not.toContain(token);

      tokens.ci = token;
      const ci = <T>(query: string) => as<T>('ci', query);
      // Role policies reach RBAC through a read of the AppProjects at most a second old.
      await eventually(async () => {
        const visible = await ci<{ repositories: { project: string }[] }>('{ repositories { project } }');
        return JSON.stringify(visible.data?.repositories) === JSON.stringify([{ project: 'team' }]);
      });
      expect((await ci<{ projects: { name: string }[] }>('{ projects { name } }')).data?.projects).toEqual([
        { name: 'team' },
      ]);
      const write = await ci(
        `mutation { createRepository(repository: { url: "${repoUrl}", project: "team", username: "bot" }, upsert: true) { url } }`,
      );
      expect(write.error?.message).toBe('permission denied');
      const otherProject = await ci('mutation { deleteProject(name: "default") }');
      expect(otherProject.error?.message).toBe('permission denied');

      const deleted = await alice('mutation { deleteProjectToken(project: "team", role: "ci", id: "ci-1") }');
      expect(deleted.error).toBeUndefined();
      expect(deleted.data).toEqual({ deleteProjectToken: true });
      const refused = await ci('{ repositories { url } }');
      expect(refused.error?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses to delete a project while an application uses it', async () => {
      const apps = fixture.cluster.connection.kubeConfig.makeApiClient(CustomObjectsApi);
      const target = {
        group: 'argoproj.io',
        version: 'v1alpha1',
        plural: 'applications',
        namespace: fixture.namespace,
      };
      await apps.createNamespacedCustomObject({
        ...target,
        body: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name: 'web', namespace: fixture.namespace },
          spec: {
            project: 'team',
            source: { repoURL: repoUrl, path: '.' },
            destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
          },
        },
      });
      const refused = await admin('mutation { deleteProject(name: "team") }');
      expect(refused.error).toMatchObject({ extensions: { code: 'FAILED_PRECONDITION' } });
      expect(refused.error?.message).toMatch(/used by 1 application/);
      await apps.deleteNamespacedCustomObject({ ...target, name: 'web' });
      expect((await admin('mutation { deleteProject(name: "team") }')).data).toEqual({ deleteProject: true });
    });
  });

  describe('through the CLI (logged in: every command goes through the server)', () => {
    const cli = async (...args: string[]) => record(await runCliInProcess([...args, '--server', fixture.kernel.url]));

    it('repo add|get|rm and repocreds add|list|rm', async () => {
      const added = await cli(
        'repo',
        'add',
        repoUrl,
        '--username',
        'bot',
        '--password',
        GIT_PASSWORD,
        '--project',
        'cli',
      );
      expect(added).toEqual({ code: 0, stdout: `Repository '${repoUrl}' added\n`, stderr: '' });
      const wrong = await cli('repo', 'add', repoUrl, '--username', 'bot', '--password', 'nope', '--project', 'cli2');
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/FAILED_PRECONDITION: cannot reach .* — nothing was saved/);
      const got = await cli('repo', 'get', repoUrl, '--project', 'cli', '-o', 'json');
      expect(JSON.parse(got.stdout)).toMatchObject({ url: repoUrl, project: 'cli', secretsSet: ['password'] });
      expect((await cli('repo', 'rm', repoUrl, '--project', 'cli')).stdout).toBe(`Repository '${repoUrl}' removed\n`);
      expect((await secretsOfType('repository')).map((secret) => decoded(secret.data).project)).not.toContain('cli');

      const url = 'https://git.example.test/cli';
      expect((await cli('repocreds', 'add', url, '--username', 'u', '--password', GIT_PASSWORD)).code).toBe(0);
      expect((await cli('repocreds', 'list', '-o', 'name')).stdout).toBe(`${url}\n`);
      expect((await cli('repocreds', 'rm', url)).code).toBe(0);
      expect(await secretsOfType('repo-creds')).toEqual([]);
    });

    it('cluster add (argocd-manager token sent to the server) | get | set | list | rm', async () => {
      const kubeconfig = join(base, 'kubeconfig');
      await writeFile(kubeconfig, fixture.cluster.sim.kubeconfigYaml());
      const context = fixture.cluster.connection.kubeConfig.getCurrentContext();
      const server = fixture.cluster.connection.kubeConfig.getCurrentCluster()?.server ?? '';
      const added = await cli('cluster', 'add', context, '--kubeconfig', kubeconfig, '--name', 'sim', '--yes');
      expect(added).toMatchObject({ code: 0, stdout: `Cluster '${server}' added\n` });
      const secret = (await secretsOfType('cluster')).find((candidate) => decoded(candidate.data).server === server);
      const stored = JSON.parse(decoded(secret?.data).config ?? '{}') as { bearerToken?: string };
      expect(stored.bearerToken).toEqual(expect.any(String));
      CANARIES.push(stored.bearerToken ?? 'no token stored');

      const got = await cli('cluster', 'get', 'sim', '-o', 'json');
      expect(JSON.parse(got.stdout)).toMatchObject({ name: 'sim', server, authentication: 'bearerToken' });
      expect((await cli('cluster', 'set', 'sim', '--namespace', 'apps', '--namespace', 'web')).code).toBe(0);
      expect(JSON.parse((await cli('cluster', 'get', server, '-o', 'json')).stdout).namespaces).toEqual([
        'apps',
        'web',
      ]);
      expect((await cli('cluster', 'list', '-o', 'name')).stdout).toContain(`${server}\n`);
      expect((await cli('cluster', 'rm', 'sim', '--yes')).stdout).toBe(`Cluster 'sim' removed\n`);
      const inCluster = await cli('cluster', 'rm', 'local', '--yes');
      expect(inCluster.code).toBe(2);
      expect(inCluster.stderr).toMatch(/cannot be removed/);
    });

    it('proj create|get|set, role create|add-policy|create-token|list-tokens|delete-token, windows add|update|list|delete, delete', async () => {
      expect(
        (await cli('proj', 'create', 'cli-team', '--dest', 'https://kubernetes.default.svc,default', '--src', '*'))
          .code,
      ).toBe(0);
      expect((await cli('proj', 'set', 'cli-team', '--description', 'from the CLI')).code).toBe(0);
      const yaml = await cli('proj', 'get', 'cli-team', '-o', 'yaml');
      expect(yaml.stdout).toContain('description: from the CLI');
      expect(yaml.stdout).toContain('server: https://kubernetes.default.svc');

      expect((await cli('proj', 'role', 'create', 'cli-team', 'ci')).code).toBe(0);
      expect(
        (await cli('proj', 'role', 'add-policy', 'cli-team', 'ci', '-a', 'get', '-o', '*', '-r', 'repositories')).code,
      ).toBe(0);
      const role = await cli('proj', 'role', 'get', 'cli-team', 'ci', '-o', 'json');
      expect(JSON.parse(role.stdout).policies).toEqual(['p, proj:cli-team:ci, repositories, get, cli-team/*, allow']);

      const minted = await cli('proj', 'role', 'create-token', 'cli-team', 'ci', '-i', 't1', '-e', '1h', '-t');
      expect(minted.code).toBe(0);
      const token = minted.stdout.trim();
      expect(decodeJwt(token)).toMatchObject({ sub: 'proj:cli-team:ci', jti: 't1' });
      const listed = await cli('proj', 'role', 'list-tokens', 'cli-team', 'ci', '-o', 'json');
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 't1' })]);
      expect(listed.stdout).not.toContain(token);
      const asToken = (...args: string[]) =>
        runCliInProcess([...args, '--server', fixture.kernel.url, '--auth-token', token]);
      await eventually(async () => (await asToken('proj', 'list', '-o', 'name')).stdout === 'cli-team\n');
      expect((await cli('proj', 'role', 'delete-token', 'cli-team', 'ci', 't1')).code).toBe(0);
      const refused = await asToken('proj', 'list', '-o', 'name');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/UNAUTHENTICATED/);

      expect(
        (
          await cli(
            'proj',
            'windows',
            'add',
            'cli-team',
            '-k',
            'deny',
            '--schedule',
            '0 22 * * *',
            '--duration',
            '1h',
            '--applications',
            '*',
          )
        ).code,
      ).toBe(0);
      expect((await cli('proj', 'windows', 'update', 'cli-team', '0', '--duration', '2h')).code).toBe(0);
      const windows = await cli('proj', 'windows', 'list', 'cli-team', '-o', 'json');
      expect(JSON.parse(windows.stdout)).toEqual([
        expect.objectContaining({ id: 0, kind: 'deny', duration: '2h', applications: ['*'] }),
      ]);
      expect((await cli('proj', 'windows', 'delete', 'cli-team', '0')).code).toBe(0);
      expect((await cli('proj', 'delete', 'cli-team', '--yes')).stdout).toBe(`project 'cli-team' deleted\n`);
      expect((await cli('proj', 'get', 'cli-team')).code).not.toBe(0);
    });
  });
});
