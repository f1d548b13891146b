// The Application mutations over raw GraphQL against a running server and
// controller (kube-sim, a real git repository): sync, rollback, terminate,
// refresh, create, update, patch and delete end to end, and the RBAC cases of
// security.md — a user limited to one project (BI-RBAC-1/2/4/5/7).
import { CoreV1Api, CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { type Application } from '@driftless/schema';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import {
  appStatus,
  applyLive,
  ensureNamespaces,
  eventually,
  readApp,
  useControllerFixture,
} from '../controller/support';
import { type GraphqlError, postGraphql } from '../support/graphql';
import { runCliInProcess } from '../support/run-cli';
import { initialAdminPassword, loginToken } from '../support/test-kernel';

jest.setTimeout(120_000);

const configMap = (name: string, value = 'v1') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: ${value}\n`;

const slowHook = `apiVersion: batch/v1
kind: Job
metadata:
  name: slow-hook
  annotations:
    argocd.argoproj.io/hook: PreSync
    sim.driftless.dev/run-seconds: "600"
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox
`;

const POLICY = `p, alice, applications, *, team-a/*, allow
p, alice, projects, get, team-a, allow
p, bob, applications, get, default/*, allow
p, bob, applications, update, default/*, allow
p, bob, applications, delete/*/ConfigMap/*, default/*, allow
`;

/** A resource action in argocd-cm, run by the builtin.lua-actions plugin. */
const CONFIGMAP_ACTIONS = [
  'discovery.lua: |',
  '  return {["bump"] = {}}',
  'definitions:',
  '- name: bump',
  '  action.lua: |',
  '    obj.data.value = "bumped"',
  '    return obj',
].join('\n');

const APP_FIELDS = 'name namespace project autoSync';

describe('Application mutations over GraphQL', () => {
  const fixture = useControllerFixture({
    files: {
      'web/cm.yaml': configMap('web'),
      'other/cm.yaml': configMap('other'),
      'slow/hook.yaml': slowHook,
      'slow/cm.yaml': configMap('slow'),
    },
    argocdCm: {
      'accounts.alice': 'login',
      'accounts.bob': 'login',
      'resource.customizations.actions.ConfigMap': CONFIGMAP_ACTIONS,
    },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'web', 'team-a-web', 'team-b-db', 'slow');
      const project = (name: string, namespaces: string, extra: Record<string, unknown> = {}) =>
        ({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'AppProject',
          metadata: { name, namespace: f.namespace },
          spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: namespaces }], ...extra },
        }) as KubernetesObject;
      await applyLive(f.kubeConfig, [
        project('team-a', 'team-a-*'),
        project('team-b', 'team-b-*'),
        project('windowed', 'held', {
          syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'] }],
        }),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'argocd-rbac-cm', namespace: f.namespace },
          data: { 'policy.csv': POLICY },
        } as KubernetesObject,
      ]);
    },
  });
  let server: RunningKernel;
  const tokens: Record<string, string> = {};

  async function gql<T>(
    user: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data: T | undefined; error: GraphqlError | undefined; body: string }> {
    const { body } = await postGraphql<T>(server.url, query, variables, { token: tokens[user] ?? null });
    // What a production server sends: the same body without stack traces (NODE_ENV=test adds them).
    const withoutStacks = {
      ...body,
      ...(body.errors
        ? {
            errors: body.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, stacktrace: undefined },
            })),
          }
        : {}),
    };
    return { data: body.data ?? undefined, error: body.errors?.[0], body: JSON.stringify(withoutStacks) };
  }

  const spec = (path: string, project = 'default', namespace = path) => ({
    project,
    source: { repoURL: fixture.repoURL, path, targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace },
  });

  const CREATE = `mutation ($input: ApplicationInput!, $upsert: Boolean) {
    createApplication(input: $input, upsert: $upsert) { ${APP_FIELDS} } }`;
  const SYNC = `mutation ($name: String!, $prune: Boolean, $syncOptions: [String!], $infos: [OperationInfoInput!]) {
    syncApplication(name: $name, prune: $prune, syncOptions: $syncOptions, infos: $infos) { name } }`;

  const liveValue = (name: string, namespace: string) =>
    fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name, namespace })
      .then(
        (live) => live.data?.value,
        () => undefined,
      );

  /** Waits for the operation carrying `marker` in its infos to end. */
  const ended = (name: string, marker: string) =>
    appStatus(fixture, name, (app) => {
      expect(app.status?.operationState?.operation.info).toEqual([{ name: 'marker', value: marker }]);
      expect(['Succeeded', 'Failed', 'Error']).toContain(app.status?.operationState?.phase);
      expect(app.operation).toBeUndefined();
    });

  beforeAll(async () => {
    server = await fixture.startKernel(['server']);
    server.app.get(SettingsConfigMaps).ttlMs = 0;
    const adminPassword = await initialAdminPassword({ kubeConfig: fixture.kubeConfig } as never, fixture.namespace);
    tokens.admin = await loginToken(server.url, 'admin', adminPassword);
    const set = await gql(
      'admin',
      'mutation ($c: String!, $n: String!, $u: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $u) }',
      { c: adminPassword, n: 'alice-password-1', u: 'alice' },
    );
    expect(set.body).toBe('{"data":{"updatePassword":true}}');
    tokens.alice = await loginToken(server.url, 'alice', 'alice-password-1');
    const setBob = await gql(
      'admin',
      'mutation ($c: String!, $n: String!, $u: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $u) }',
      { c: adminPassword, n: 'bob-password-1', u: 'bob' },
    );
    expect(setBob.body).toBe('{"data":{"updatePassword":true}}');
    tokens.bob = await loginToken(server.url, 'bob', 'bob-password-1');
  });

  it('creates an application, idempotently, and refuses server-managed fields and project violations', async () => {
    const input = { metadata: { name: 'web', labels: { team: 'web' } }, spec: spec('web') };
    const created = await gql<{ createApplication: unknown }>('admin', CREATE, { input });
    expect(created.data).toEqual({
      createApplication: { name: 'web', namespace: fixture.namespace, project: 'default', autoSync: false },
    });
    expect((await gql('admin', CREATE, { input })).error).toBeUndefined();
    const different = await gql('admin', CREATE, { input: { ...input, metadata: { name: 'web' } } });
    expect(different.error).toMatchObject({
      message: 'existing application spec is different, use upsert flag to force update',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    // BI-RBAC-2: `operation` and `status` are not part of the input type; the spec is checked against the CRD.
    const smuggled = await gql('admin', CREATE, {
      input: { ...input, metadata: { name: 'sneaky' }, operation: { sync: {} }, status: {} },
    });
    expect(smuggled.error?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownField = await gql('admin', CREATE, {
      input: { metadata: { name: 'sneaky' }, spec: { ...spec('web'), operation: { sync: {} } } },
    });
    expect(unknownField.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unknownField.error?.message).toMatch(/^invalid application: .*spec.*operation/);
    const outside = await gql('admin', CREATE, {
      input: { metadata: { name: 'sneaky' }, spec: spec('web', 'team-a', 'kube-system') },
    });
    expect(outside.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(outside.error?.message).toMatch(
      /^application spec for sneaky is invalid: .*namespace 'kube-system' do not match any of the allowed destinations in project 'team-a'$/,
    );
    expect(await readApp(fixture, 'sneaky').catch(() => undefined)).toBeUndefined();
  });

  it('syncs with the caller as initiator, refuses a second operation, unknown sync options and closed sync windows', async () => {
    const held = { metadata: { name: 'held' }, spec: spec('other', 'windowed', 'held') };
    expect((await gql('admin', CREATE, { input: held })).error).toBeUndefined();
    const blocked = await gql('admin', SYNC, { name: 'held' });
    expect(blocked.error).toMatchObject({ extensions: { code: 'FAILED_PRECONDITION' } });
    expect(blocked.error?.message).toMatch(/^Cannot sync: Blocked by sync window/);
    expect((await readApp(fixture, 'held')).operation).toBeUndefined();

    const first = await gql('admin', SYNC, { name: 'web', infos: [{ name: 'marker', value: 'sync-1' }] });
    expect(first.error).toBeUndefined();
    const busy = await gql('admin', SYNC, { name: 'web' });
    expect(busy.error).toMatchObject({
      message: 'another operation is already in progress',
      extensions: { code: 'FAILED_PRECONDITION' },
    });
    const app = await ended('web', 'sync-1');
    expect(app.status?.operationState).toMatchObject({
      phase: 'Succeeded',
      operation: { initiatedBy: { username: 'admin' } },
    });
    expect(await liveValue('web', 'web')).toBe('v1');
    const badOption = await gql('admin', SYNC, { name: 'web', syncOptions: ['CreateNamespaces=true'] });
    expect(badOption.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(badOption.error?.message).toMatch(/sync option "CreateNamespaces=true" is not Key=Value with a known key/);
  });

  it('rolls back to a history entry, and refuses an unknown id', async () => {
    const commit = await fixture.repo.commit({ 'web/cm.yaml': configMap('web', 'v2') });
    // A sync resolves the branch anew (it does not reuse the ls-remote of the previous sync, seconds ago).
    expect(
      (await gql('admin', SYNC, { name: 'web', infos: [{ name: 'marker', value: 'sync-2' }] })).error,
    ).toBeUndefined();
    const synced = await ended('web', 'sync-2');
    // The whole operation state in the message when this fails: which revision the sync resolved, and why.
    expect(synced.status?.operationState).toMatchObject({ phase: 'Succeeded', syncResult: { revision: commit } });
    expect(await liveValue('web', 'web')).toBe('v2');
    const [firstDeployment] = synced.status?.history ?? [];
    expect(synced.status?.history).toHaveLength(2);

    const unknown = await gql('admin', 'mutation { rollbackApplication(name: "web", id: 99) { name } }');
    expect(unknown.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unknown.error?.message).toMatch(/^application web does not have deployment with id 99/);
    const rollback = await gql('admin', 'mutation ($id: Int) { rollbackApplication(name: "web", id: $id) { name } }', {
      id: firstDeployment?.id,
    });
    expect(rollback.error).toBeUndefined();
    await eventually(async () => expect(await liveValue('web', 'web')).toBe('v1'));
  });

  it('terminates a running operation (a long PreSync hook)', async () => {
    const none = await gql('admin', 'mutation { terminateOperation(name: "web") { name } }');
    expect(none.error).toMatchObject({
      message: 'Unable to terminate operation. No operation is in progress',
      extensions: { code: 'FAILED_PRECONDITION' },
    });
    const input = { metadata: { name: 'slow' }, spec: spec('slow') };
    expect((await gql('admin', CREATE, { input })).error).toBeUndefined();
    expect(
      (await gql('admin', SYNC, { name: 'slow', infos: [{ name: 'marker', value: 'slow' }] })).error,
    ).toBeUndefined();
    await appStatus(fixture, 'slow', (app) =>
      expect(app.status?.operationState?.syncResult?.resources?.[0]).toMatchObject({
        name: 'slow-hook',
        hookPhase: 'Running',
      }),
    );
    expect((await gql('admin', 'mutation { terminateOperation(name: "slow") { name } }')).error).toBeUndefined();
    const app = await ended('slow', 'slow');
    expect(app.status?.operationState?.phase).toBe('Failed');
  });

  it('updates, patches (merge and json) and refuses patches of server-managed fields', async () => {
    const update = await gql<{ updateApplication: { project: string } }>(
      'admin',
      `mutation ($input: ApplicationInput!) { updateApplication(input: $input) { ${APP_FIELDS} } }`,
      { input: { metadata: { name: 'web', labels: { team: 'web', tier: 'front' } }, spec: spec('web') } },
    );
    expect(update.error).toBeUndefined();
    expect((await readApp(fixture, 'web')).metadata.labels).toEqual({ team: 'web', tier: 'front' });

    const PATCH = `mutation ($patch: String!, $type: PatchType!) {
      patchApplication(name: "web", patch: $patch, patchType: $type) { autoSync } }`;
    const merge = await gql('admin', PATCH, {
      patch: JSON.stringify({ spec: { revisionHistoryLimit: 3 } }),
      type: 'merge',
    });
    expect(merge.error).toBeUndefined();
    const json = await gql('admin', PATCH, {
      patch: JSON.stringify([{ op: 'add', path: '/metadata/annotations', value: { note: 'patched' } }]),
      type: 'json',
    });
    expect(json.error).toBeUndefined();
    const patched = await readApp(fixture, 'web');
    expect(patched.spec.revisionHistoryLimit).toBe(3);
    expect(patched.metadata.annotations?.note).toBe('patched');

    for (const patch of [{ operation: { sync: {} } }, { status: { health: { status: 'Degraded' } } }]) {
      const refused = await gql('admin', PATCH, { patch: JSON.stringify(patch), type: 'merge' });
      expect(refused.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(refused.error?.message).toMatch(/^a patch may change only spec, metadata.labels/);
    }
    expect((await readApp(fixture, 'web')).operation).toBeUndefined();
  });

  it('answers a forbidden application exactly like a missing one, by the stored project (BI-RBAC-4/5/7)', async () => {
    for (const [name, project, namespace] of [
      ['team-a-web', 'team-a', 'team-a-web'],
      ['team-b-db', 'team-b', 'team-b-db'],
    ] as const) {
      const created = await gql('admin', CREATE, {
        input: { metadata: { name }, spec: spec('other', project, namespace) },
      });
      expect(created.error).toBeUndefined();
    }
    const mutations = [
      SYNC,
      'mutation ($name: String!) { refreshApplication(name: $name) { name } }',
      'mutation ($name: String!) { terminateOperation(name: $name) { name } }',
      'mutation ($name: String!) { patchApplication(name: $name, patch: "{}") { name } }',
      'mutation ($name: String!) { deleteApplication(name: $name) }',
    ];
    for (const query of mutations) {
      const forbidden = await gql('alice', query, { name: 'team-b-db' });
      const missing = await gql('alice', query, { name: 'no-such-app' });
      expect(forbidden.body).toBe(missing.body);
      expect(forbidden.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
    }
    const crafted = await gql('alice', SYNC, { name: 'team-a/../team-b-db' });
    expect(crafted.error?.extensions?.code).toBe('BAD_USER_INPUT');

    // Allowed in team-a; not allowed to create in team-b, nor to move an app there.
    expect((await gql('alice', 'mutation { refreshApplication(name: "team-a-web") { name } }')).error).toBeUndefined();
    const createB = await gql('alice', CREATE, {
      input: { metadata: { name: 'alice-b' }, spec: spec('other', 'team-b', 'team-b-x') },
    });
    expect(createB.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
    const move = await gql(
      'alice',
      'mutation ($p: String!) { patchApplication(name: "team-a-web", patch: $p) { name } }',
      {
        p: JSON.stringify({ spec: { project: 'team-b', destination: { namespace: 'team-b-db' } } }),
      },
    );
    expect(move.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });

    // Moved out of band (kubectl): the stored project decides from now on.
    await fixture.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: fixture.namespace,
      name: 'team-a-web',
      body: [{ op: 'replace', path: '/spec/project', value: 'team-b' }],
    });
    const afterMove = await gql('alice', 'mutation { refreshApplication(name: "team-a-web") { name } }');
    expect(afterMove.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
  });

  it("answers Argo CD's REST reads (/api/v1/applications) with the same tokens, RBAC and answers", async () => {
    const rest = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${server.url}/api/v1/applications${path}`, { headers });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const bearer = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
    const names = (body: Record<string, unknown>) =>
      (body.items as Application[]).map((app) => app.metadata.name).sort();

    const asBob = await rest('', bearer('bob'));
    expect(asBob.status).toBe(200);
    expect(names(asBob.body)).toContain('web');
    expect(names(asBob.body)).not.toContain('team-b-db');
    const byProject = await rest('?projects=team-b', bearer('admin'));
    expect(names(byProject.body)).toEqual(['team-a-web', 'team-b-db']);
    expect((await rest('?selector=team%3Dweb&name=web', bearer('admin'))).body.items).toHaveLength(1);

    const web = await rest('/web', { cookie: `argocd.token=${tokens.bob}` });
    expect(web.status).toBe(200);
    expect(web.body).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web', namespace: fixture.namespace },
      spec: { project: 'default' },
    });
    expect(web.body.metadata).not.toHaveProperty('managedFields');

    const forbidden = await rest('/team-b-db', bearer('bob'));
    expect(forbidden).toEqual({
      status: 403,
      body: { error: 'permission denied', code: 7, message: 'permission denied' },
    });
    expect(await rest('/no-such-app', bearer('bob'))).toEqual(forbidden);
    expect(await rest('/web')).toEqual({
      status: 401,
      body: { error: 'no session information', code: 16, message: 'no session information' },
    });
  });

  it("patches, runs actions on and deletes managed objects only, with Argo CD 3's fine-grained actions (BI-RBAC-1)", async () => {
    const RESOURCE = { group: '', kind: 'ConfigMap', namespace: 'web', name: 'web' };
    const PATCH_RESOURCE = `mutation ($resource: ManagedResourceInput!, $patch: String!) {
      patchResource(name: "web", resource: $resource, patch: $patch) { group version kind namespace name } }`;
    const patched = await gql('admin', PATCH_RESOURCE, {
      resource: RESOURCE,
      patch: JSON.stringify({ data: { value: 'patched' } }),
    });
    expect(patched.data).toEqual({ patchResource: { ...RESOURCE, version: 'v1' } });
    expect(await liveValue('web', 'web')).toBe('patched');

    const action = await gql(
      'admin',
      'mutation ($resource: ManagedResourceInput!) { runResourceAction(name: "web", resource: $resource, action: "bump") { name } }',
      { resource: RESOURCE },
    );
    expect(action.error).toBeUndefined();
    expect(await liveValue('web', 'web')).toBe('bumped');
    const unknownAction = await gql(
      'admin',
      'mutation ($resource: ManagedResourceInput!) { runResourceAction(name: "web", resource: $resource, action: "explode") { name } }',
      { resource: RESOURCE },
    );
    expect(unknownAction.error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });

    // An object the app does not manage answers like a missing app, even for admin.
    const unmanaged = await gql('admin', PATCH_RESOURCE, {
      resource: { ...RESOURCE, name: 'kube-root-ca.crt' },
      patch: '{}',
    });
    const missingApp = await gql('admin', PATCH_RESOURCE.replace('"web"', '"no-such-app"'), {
      resource: RESOURCE,
      patch: '{}',
    });
    expect(unmanaged.body).toBe(missingApp.body);
    expect(unmanaged.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });

    // bob: `update` on the app does not cover its objects (Argo CD 3); `delete/*/ConfigMap/*` does.
    const bobPatch = await gql('bob', PATCH_RESOURCE, { resource: RESOURCE, patch: '{}' });
    expect(bobPatch.error).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
    const bobDelete = await gql(
      'bob',
      'mutation ($resource: ManagedResourceInput!) { deleteResource(name: "web", resource: $resource) { name } }',
      { resource: RESOURCE },
    );
    expect(bobDelete.error).toBeUndefined();
    await eventually(async () => expect(await liveValue('web', 'web')).toBeUndefined());
  });

  it('drives create, set, sync, patch, patch-resource, actions run, terminate-op and delete from the CLI through the server', async () => {
    const cli = (...args: string[]) =>
      runCliInProcess(['app', ...args, '--server', server.url, '--auth-token', tokens.admin ?? '']);
    const create = await cli(
      'create',
      'cli',
      '--repo',
      fixture.repoURL,
      '--path',
      'other',
      '--revision',
      'HEAD',
      '--dest-server',
      'https://kubernetes.default.svc',
      '--dest-namespace',
      'slow',
    );
    expect(create).toMatchObject({ code: 0, stdout: "application 'cli' created\n" });
    expect(await cli('set', 'cli', '--revision', 'main', '--sync-option', 'Validate=false')).toMatchObject({ code: 0 });
    expect((await readApp(fixture, 'cli')).spec).toMatchObject({
      project: 'default',
      source: { repoURL: fixture.repoURL, path: 'other', targetRevision: 'main' },
      syncPolicy: { syncOptions: ['Validate=false'] },
    });
    const sync = await cli('sync', 'cli', '--info', 'marker=cli', '--timeout', '60');
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^Phase: +Succeeded$/m);
    expect(sync.stdout).toMatch(/ConfigMap +slow +other +Synced/);
    expect((await readApp(fixture, 'cli')).status?.operationState?.operation.initiatedBy).toEqual({
      username: 'admin',
    });
    expect(await liveValue('other', 'slow')).toBe('v1');

    const object = ['--kind', 'ConfigMap', '--resource-name', 'other', '--namespace', 'slow'];
    expect(await cli('patch-resource', 'cli', ...object, '--patch', '{"data":{"value":"cli"}}')).toMatchObject({
      code: 0,
      stdout: 'ConfigMap slow/other patched\n',
    });
    expect(await liveValue('other', 'slow')).toBe('cli');
    expect(await cli('actions', 'run', 'cli', 'bump', ...object)).toMatchObject({ code: 0 });
    expect(await liveValue('other', 'slow')).toBe('bumped');
    expect(
      await cli('patch', 'cli', '--type', 'merge', '--patch', '{"metadata":{"labels":{"via":"cli"}}}'),
    ).toMatchObject({ code: 0, stdout: "application 'cli' patched\n" });
    expect((await readApp(fixture, 'cli')).metadata.labels).toEqual({ via: 'cli' });

    expect(await cli('terminate-op', 'cli')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Unable to terminate operation. No operation is in progress'),
    });
    expect(await cli('sync', 'cli', '--sync-option', 'Prunes=true')).toMatchObject({ code: 2 });
    expect(await cli('delete', 'cli', '--yes', '--wait', '--timeout', '60')).toMatchObject({
      code: 0,
      stdout: "application 'cli' deleted\n",
    });
    expect(await liveValue('other', 'slow')).toBeUndefined();
  });

  it('deletes an application with its resources (cascade), and refuses a policy without cascade', async () => {
    const refused = await gql(
      'admin',
      'mutation { deleteApplication(name: "web", cascade: false, propagationPolicy: background) }',
    );
    expect(refused.error).toMatchObject({
      message: 'cannot set propagation policy when cascading is disabled',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(
      (await gql('admin', SYNC, { name: 'web', infos: [{ name: 'marker', value: 'last' }] })).error,
    ).toBeUndefined();
    await ended('web', 'last');
    expect(await liveValue('web', 'web')).toBe('v2');
    const deleted = await gql<{ deleteApplication: boolean }>('admin', 'mutation { deleteApplication(name: "web") }');
    expect(deleted.data).toEqual({ deleteApplication: true });
    await eventually(async () => {
      expect(await liveValue('web', 'web')).toBeUndefined();
      await expect(readApp(fixture, 'web')).rejects.toBeDefined();
    });
  });
});

export type { Application };
