import { type Application } from '@driftless/schema';
import { parseResourceSelector } from '../../cli/commands/app/resource-selector';
import { type OperationRefusal } from './operation-refusal';
import { buildSyncOperation, mergeSyncOptions, type SyncRequest } from './sync-operation';

const app = (overrides: Partial<Application['spec']> = {}, status: Application['status'] = {}): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example/apps.git', path: 'guestbook', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
    ...overrides,
  },
  status,
});

const defaults: SyncRequest = {
  prune: false,
  dryRun: false,
  force: false,
  resources: [],
  syncOptions: [],
  applyOutOfSyncOnly: false,
  replace: false,
  serverSide: false,
  retryLimit: 0,
  retryBackoffDuration: '5s',
  retryBackoffMaxDuration: '3m',
  retryBackoffFactor: 2,
  info: [],
  username: 'alice',
};

describe('buildSyncOperation', () => {
  it('asks for a plain sync with the hook strategy when no flag is given', () => {
    expect(buildSyncOperation(app(), defaults)).toEqual({
      sync: { prune: false, dryRun: false, syncStrategy: { hook: {} } },
      initiatedBy: { username: 'alice' },
    });
  });

  it('carries every flag into the operation', () => {
    const operation = buildSyncOperation(
      app(
        { syncPolicy: { syncOptions: ['CreateNamespace=true', 'Validate=false'] } },
        {
          resources: [{ group: 'apps', kind: 'Deployment', namespace: 'guestbook', name: 'web', status: 'OutOfSync' }],
        },
      ),
      {
        ...defaults,
        revision: 'v1.2.0',
        prune: true,
        dryRun: true,
        force: true,
        strategy: 'apply',
        resources: [parseResourceSelector('apps:Deployment:web')],
        syncOptions: ['Validate=true', 'PruneLast=true'],
        applyOutOfSyncOnly: true,
        replace: true,
        serverSide: true,
        retryLimit: 3,
        retryBackoffDuration: '10s',
        retryBackoffMaxDuration: '1m',
        retryBackoffFactor: 3,
        info: [['ticket', 'OPS-1']],
      },
    );
    expect(operation).toEqual({
      sync: {
        revision: 'v1.2.0',
        prune: true,
        dryRun: true,
        syncStrategy: { apply: { force: true } },
        resources: [{ group: 'apps', kind: 'Deployment', namespace: 'guestbook', name: 'web' }],
        syncOptions: [
          'CreateNamespace=true',
          'Validate=true',
          'PruneLast=true',
          'Replace=true',
          'ServerSideApply=true',
          'ApplyOutOfSyncOnly=true',
        ],
      },
      initiatedBy: { username: 'alice' },
      info: [{ name: 'ticket', value: 'OPS-1' }],
      retry: { limit: 3, backoff: { duration: '10s', maxDuration: '1m', factor: 3 } },
    });
  });

  it("keeps the app's retry policy unless --retry-limit is given", () => {
    const retry = { limit: 5, backoff: { duration: '5s' } };
    expect(buildSyncOperation(app({ syncPolicy: { retry } }), defaults).retry).toEqual(retry);
    expect(buildSyncOperation(app({ syncPolicy: { retry } }), { ...defaults, retryLimit: -1 }).retry).toEqual({
      limit: -1,
      backoff: { duration: '5s', maxDuration: '3m', factor: 2 },
    });
  });

  it.each<[string, Application, Partial<SyncRequest>, RegExp]>([
    [
      'a revision other than the auto-synced one',
      app({ syncPolicy: { automated: {} } }),
      { revision: 'v1' },
      /^Cannot sync to v1: auto-sync currently set to main$/,
    ],
    [
      '--revision on a multi-source app',
      app({ sources: [{ repoURL: 'https://git.example/a.git' }, { repoURL: 'https://git.example/b.git' }] }),
      { revision: 'v1' },
      /a revision cannot be given for the multi-source application guestbook/,
    ],
    [
      'selectors that match no resource of the app',
      app({}, { resources: [{ group: '', kind: 'Service', name: 'web' }] }),
      { resources: [parseResourceSelector('apps:Deployment:web')] },
      /^No matching app resources found for resource filter: apps:Deployment:web$/,
    ],
  ])('refuses %s', (_case, application, request, message) => {
    expect(() => buildSyncOperation(application, { ...defaults, ...request })).toThrow(message);
  });

  it('allows the auto-synced revision itself, and any revision when auto-sync is off', () => {
    expect(
      buildSyncOperation(app({ syncPolicy: { automated: {} } }), { ...defaults, revision: 'main' }).sync?.revision,
    ).toBe('main');
    expect(
      buildSyncOperation(app({ syncPolicy: { automated: { enabled: false } } }), { ...defaults, revision: 'v1' }).sync
        ?.revision,
    ).toBe('v1');
  });

  it('syncs the whole app (no resources list, so hooks run and history is kept) when no selector is given', () => {
    const managed = app({}, { resources: [{ group: '', kind: 'ConfigMap', namespace: 'guestbook', name: 'web' }] });
    expect(buildSyncOperation(managed, defaults).sync?.resources).toBeUndefined();
  });

  it('lets a dry run preview another revision while auto-sync is on, as Argo CD does', () => {
    const automated = app({ syncPolicy: { automated: {} } });
    expect(buildSyncOperation(automated, { ...defaults, revision: 'v1', dryRun: true }).sync).toMatchObject({
      revision: 'v1',
      dryRun: true,
    });
  });

  it('marks wrong requests as bad input and state conflicts as failed preconditions', () => {
    const refusal = (application: Application, request: Partial<SyncRequest>) => {
      try {
        buildSyncOperation(application, { ...defaults, ...request });
      } catch (error) {
        return (error as OperationRefusal).code;
      }
      return undefined;
    };
    expect(refusal(app({ syncPolicy: { automated: {} } }), { revision: 'v1' })).toBe('FAILED_PRECONDITION');
    expect(refusal(app(), { resources: [parseResourceSelector('apps:Deployment:x')] })).toBe('BAD_USER_INPUT');
  });

  it('refuses an application being deleted', () => {
    const deleting = app();
    deleting.metadata.deletionTimestamp = '2024-05-01T10:00:00Z';
    expect(() => buildSyncOperation(deleting, defaults)).toThrow(/being deleted/);
  });
});

describe('mergeSyncOptions', () => {
  it("puts the command's value in place of the app's for the same key and appends new keys", () => {
    expect(mergeSyncOptions(['Prune=false', 'CreateNamespace=true'], ['Prune=true', 'Replace=true'])).toEqual([
      'Prune=true',
      'CreateNamespace=true',
      'Replace=true',
    ]);
  });
});
