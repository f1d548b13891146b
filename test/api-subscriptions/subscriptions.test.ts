// The application subscriptions over graphql-ws against a running server and
// controller (kube-sim, a real git repository, Redis): applicationChanges with
// RBAC and filters decided at every emit (a viewer of one project never hears
// of another's apps and loses them when the policy or the app's project
// changes), applicationOperation until the sync ends, applicationEvents, and
// the connection-level closes graphql-ws owns (4408, 4429; 4403 and the Origin
// check are in test/auth/sessions.test.ts).
import { CoreV1Api, CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyLive, createApp, ensureNamespaces, eventually, useControllerFixture } from '../controller/support';
import { postGraphql } from '../support/graphql';
import { initialAdminPassword, loginToken } from '../support/test-kernel';

jest.setTimeout(90_000);

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: v1\n`;

const viewerOf = (project: string) => `p, alice, applications, get, ${project}/*, allow\n`;

interface Received<T> {
  items: T[];
  errors: { message: string; extensions?: { code?: string } }[];
  completed: Promise<void>;
  /** Whether the server has completed (or failed) the subscription by now. */
  done(): boolean;
  /** Resolves with the first received item that matches, waiting for it. */
  next(match: (item: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

type Change = { type: string; application: { name: string; project: string } };

describe('application subscriptions over graphql-ws', () => {
  const fixture = useControllerFixture({
    files: { 'web/cm.yaml': configMap('web'), 'api/cm.yaml': configMap('api') },
    argocdCm: { 'accounts.alice': 'login' },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'team-a', 'team-b');
      const project = (name: string) =>
        ({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'AppProject',
          metadata: { name, namespace: f.namespace },
          spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
        }) as KubernetesObject;
      await applyLive(f.kubeConfig, [
        project('team-a'),
        project('team-b'),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'argocd-rbac-cm', namespace: f.namespace },
          data: { 'policy.csv': viewerOf('team-a') },
        } as KubernetesObject,
      ]);
    },
  });
  let server: RunningKernel;
  const tokens: Record<string, string> = {};
  const open: Received<unknown>[] = [];

  const spec = (path: string, project: string) => ({
    project,
    source: { repoURL: fixture.repoURL, path, targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: project },
  });

  const setPolicy = (csv: string) =>
    applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-rbac-cm', namespace: fixture.namespace },
        data: { 'policy.csv': csv },
      } as KubernetesObject,
    ]);

  const moveApp = (name: string, project: string) =>
    fixture.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: fixture.namespace,
      name,
      body: [{ op: 'replace', path: '/spec/project', value: project }],
    });

  const recordEvent = (
    name: string,
    app: string,
    reason: string,
    message: string,
    about: { apiVersion: string; kind: string; name: string; namespace: string } = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      name: app,
      namespace: fixture.namespace,
    },
  ) =>
    fixture.kubeConfig.makeApiClient(CoreV1Api).createNamespacedEvent({
      namespace: about.namespace,
      body: {
        metadata: { name, namespace: about.namespace },
        involvedObject: about,
        reason,
        message,
        type: 'Normal',
        source: { component: 'driftless-test' },
        firstTimestamp: new Date(),
        lastTimestamp: new Date(),
        count: 1,
      },
    });

  /** Subscribes as `user`; resolves once the server acknowledged the connection. */
  async function subscription<T>(user: string, query: string, variables: Record<string, unknown> = {}) {
    const items: T[] = [];
    const errors: Received<T>['errors'] = [];
    const waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];
    let connected!: () => void;
    let complete!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    let finished = false;
    const completed = new Promise<void>((resolve) => (complete = resolve)).then(() => {
      finished = true;
    });
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/api/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${tokens[user] ?? ''}` },
      on: { connected: () => connected() },
    });
    client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...(result.errors as Received<T>['errors']));
          const item = result.data ? Object.values(result.data)[0] : undefined;
          if (item === undefined || item === null) return;
          items.push(item);
          for (const waiter of waiters.splice(0)) {
            if (waiter.match(item)) waiter.resolve(item);
            else waiters.push(waiter);
          }
        },
        error: (error) => {
          errors.push({ message: error instanceof Error ? error.message : JSON.stringify(error) });
          complete();
        },
        complete: () => complete(),
      },
    );
    await ready;
    const received: Received<T> = {
      items,
      errors,
      completed,
      done: () => finished,
      next: (match, timeoutMs = 20_000) => {
        const found = items.find(match);
        if (found !== undefined) return Promise.resolve(found);
        return new Promise<T>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `not received within ${timeoutMs} ms; got ${JSON.stringify(items)} ${JSON.stringify(errors)}`,
                ),
              ),
            timeoutMs,
          );
          waiters.push({
            match,
            resolve: (item) => {
              clearTimeout(timer);
              resolve(item);
            },
          });
        });
      },
      close: () => client.dispose() as Promise<void>,
    };
    open.push(received);
    return received;
  }

  const change = (type: string, name: string) => (item: Change) => item.type === type && item.application.name === name;

  beforeAll(async () => {
    server = await fixture.startKernel(['server']);
    server.app.get(SettingsConfigMaps).ttlMs = 0;
    const adminPassword = await initialAdminPassword({ kubeConfig: fixture.kubeConfig } as never, fixture.namespace);
    tokens.admin = await loginToken(server.url, 'admin', adminPassword);
    const set = await postGraphql(
      server.url,
      'mutation ($c: String!, $n: String!, $u: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $u) }',
      { c: adminPassword, n: 'alice-password-1', u: 'alice' },
      { token: tokens.admin ?? null },
    );
    expect(set.body).toEqual({ data: { updatePassword: true } });
    tokens.alice = await loginToken(server.url, 'alice', 'alice-password-1');
  });

  afterEach(async () => {
    for (const subscription of open.splice(0)) await subscription.close();
  });

  // includeExisting: the server may set the subscription up after the test's next step; what existed by
  // then still arrives (as ADDED), which is how a client avoids the same race.
  const CHANGES = `subscription ($filter: ApplicationFilterInput) {
    applicationChanges(filter: $filter, includeExisting: true) { type application { name project } } }`;

  it('sends a viewer only its projects’ apps, re-deciding on project moves and policy changes', async () => {
    const alice = await subscription<Change>('alice', CHANGES);
    const teamB = await subscription<Change>('admin', CHANGES, { filter: { projects: ['team-b'] } });
    await createApp(fixture, 'b-api', spec('api', 'team-b'));
    await createApp(fixture, 'a-web', spec('web', 'team-a'));

    await alice.next(change('ADDED', 'a-web'));
    await teamB.next(change('ADDED', 'b-api'));

    // b-api moves into alice's project: she gains it; the team-b filter loses it. And back again.
    await moveApp('b-api', 'team-a');
    await alice.next(change('ADDED', 'b-api'));
    await teamB.next(change('DELETED', 'b-api'));
    await moveApp('b-api', 'team-b');
    await alice.next(change('DELETED', 'b-api'));
    await teamB.next(
      (item) => item.type === 'ADDED' && item.application.name === 'b-api' && teamB.items.indexOf(item) > 1,
    );

    // Nothing of team-b ever reached alice while she could not see it.
    const beforePolicyChange = alice.items.length;
    const leaked = alice.items.filter((item) => item.type !== 'DELETED' && item.application.project !== 'team-a');
    expect(leaked).toEqual([]);
    expect(teamB.items.filter((item) => item.type !== 'DELETED' && item.application.project !== 'team-b')).toEqual([]);

    // The policy now gives alice team-b instead: no Application changed, yet she loses a-web and gains b-api.
    await setPolicy(viewerOf('team-b'));
    await alice.next((item) => item.type === 'DELETED' && item.application.name === 'a-web');
    await alice.next(
      (item) =>
        item.type === 'ADDED' && item.application.name === 'b-api' && alice.items.indexOf(item) >= beforePolicyChange,
    );
    await setPolicy(viewerOf('team-a'));
    await alice.next(
      (item) =>
        item.type === 'ADDED' && item.application.name === 'a-web' && alice.items.indexOf(item) > beforePolicyChange,
    );
    expect(alice.errors).toEqual([]);
  });

  it('refuses a filter the list query refuses', async () => {
    const bad = await subscription<Change>('admin', CHANGES, { filter: { labelSelector: 'a in (' } });
    await bad.completed;
    expect(bad.errors[0]?.message).toMatch(/labelSelector/);
  });

  const OPERATION = `subscription ($name: String!, $follow: Boolean) {
    applicationOperation(name: $name, follow: $follow) {
      pending state { phase message finishedAt resources { kind name status } } } }`;

  it('follows a sync until it ends, then completes; a forbidden app answers like a missing one', async () => {
    type Operation = {
      pending: boolean;
      state: { phase: string; resources: { kind: string; name: string; status: string }[] } | null;
    };
    const follower = await subscription<Operation>('admin', OPERATION, { name: 'a-web', follow: true });
    await follower.next(() => true);
    const sync = await postGraphql(
      server.url,
      'mutation { syncApplication(name: "a-web") { name } }',
      {},
      {
        token: tokens.admin ?? null,
      },
    );
    expect(sync.body.errors).toBeUndefined();
    // What `app sync --watch` does: sync, then subscribe; the subscription ends with the operation.
    const progress = await subscription<Operation>('admin', OPERATION, { name: 'a-web' });
    await progress.completed;
    expect(progress.errors).toEqual([]);
    const last = progress.items[progress.items.length - 1];
    expect(last).toMatchObject({ pending: false, state: { phase: 'Succeeded' } });
    expect(last?.state?.resources).toContainEqual({ kind: 'ConfigMap', name: 'web', status: 'Synced' });
    // Every state sent differs from the one before it.
    const sent = progress.items.map((item) => JSON.stringify(item));
    expect(new Set(sent).size).toBe(sent.length);

    // With follow: the operation's end arrives (a fast one may be coalesced to just that), and it stays open.
    expect(follower.items[0]).toEqual({ pending: false, state: null });
    await follower.next((item) => !item.pending && item.state?.phase === 'Succeeded');
    expect(follower.done()).toBe(false);

    const forbidden = await subscription<Operation>('alice', OPERATION, { name: 'b-api' });
    const missing = await subscription<Operation>('alice', OPERATION, { name: 'no-such-app' });
    await Promise.all([forbidden.completed, missing.completed]);
    expect(forbidden.errors).toEqual(missing.errors);
    expect(forbidden.errors[0]).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
  });

  const EVENTS = `subscription ($name: String!) {
    applicationEvents(name: $name) { reason message involvedObject { kind name } } }`;

  it('streams the app’s events and ends once the viewer may no longer get the app', async () => {
    type Event = { reason: string; message: string; involvedObject: { kind: string; name: string } };
    await recordEvent('a-web.before', 'a-web', 'Recorded', 'before subscribing');
    await recordEvent('b-api.other', 'b-api', 'Recorded', 'about another app');
    const events = await subscription<Event>('alice', EVENTS, { name: 'a-web' });
    await events.next((event) => event.message === 'before subscribing');
    await recordEvent('a-web.after', 'a-web', 'Recorded', 'after subscribing');
    await events.next((event) => event.message === 'after subscribing');
    // Managed resources' events too (a-web synced ConfigMap web into team-a), not their neighbours'.
    const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'team-a' });
    await recordEvent('unmanaged.cm', 'a-web', 'Updated', 'not managed by a-web', configMap('unmanaged'));
    await recordEvent('web.cm', 'a-web', 'Updated', 'managed by a-web', configMap('web'));
    await events.next((event) => event.message === 'managed by a-web');
    expect(events.items.map((event) => `${event.involvedObject.kind}/${event.involvedObject.name}`)).toEqual([
      'Application/a-web',
      'Application/a-web',
      'ConfigMap/web',
    ]);

    await setPolicy(viewerOf('team-b'));
    // Re-authorized at emit: the next event finds alice without access and ends the subscription instead.
    await eventually(async () => {
      await recordEvent(`a-web.revoked-${Date.now()}`, 'a-web', 'Recorded', 'after revocation');
      await Promise.race([
        events.completed,
        new Promise((_, reject) => setTimeout(() => reject(new Error('still open')), 500)),
      ]);
    }, 15_000);
    expect(events.items.map((event) => event.message)).not.toContain('after revocation');
    expect(events.errors[0]).toMatchObject({ message: 'permission denied', extensions: { code: 'FORBIDDEN' } });
    await setPolicy(viewerOf('team-a'));
  });

  describe('connection-level closes', () => {
    const socket = () => new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/graphql`, 'graphql-transport-ws');
    const closeCode = (ws: WebSocket) =>
      new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
      );

    it('closes 4408 when no connection_init arrives in time', async () => {
      const ws = socket();
      const closed = closeCode(ws);
      expect(await closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    });

    it('closes 4429 on a second connection_init', async () => {
      const ws = socket();
      const closed = closeCode(ws);
      await new Promise((resolve) => ws.once('open', resolve));
      const init = JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${tokens.admin ?? ''}` },
      });
      ws.send(init);
      ws.send(init);
      expect(await closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
    });
  });
});
