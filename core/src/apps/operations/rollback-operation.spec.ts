import { type Application, type RevisionHistory } from '@driftless/schema';
import { buildRollbackOperation, chooseHistoryEntry } from './rollback-operation';

const source = (targetRevision: string) => ({
  repoURL: 'https://git.example/apps.git',
  path: 'guestbook',
  targetRevision,
});
const history: RevisionHistory[] = [
  { id: 0, revision: 'aaa1111', deployedAt: '2024-05-01T10:00:00Z', source: source('v1') },
  { id: 1, revision: 'bbb2222', deployedAt: '2024-05-02T10:00:00Z', source: source('v2') },
  { id: 2, revision: 'ccc3333', deployedAt: '2024-05-03T10:00:00Z', source: source('v3') },
];

const app = (spec: Partial<Application['spec']> = {}, entries = history): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: { project: 'default', source: source('main'), destination: { namespace: 'guestbook' }, ...spec },
  status: { history: entries },
});

describe('chooseHistoryEntry', () => {
  it.each([
    [undefined, 1],
    [0, 0],
    [2, 2],
  ])('ID %s → entry %s', (id, expected) => {
    expect(chooseHistoryEntry(app(), id).id).toBe(expected);
  });

  it('says so when the ID is not in the history, or there is no previous deployment', () => {
    expect(() => chooseHistoryEntry(app(), 7)).toThrow(/^application guestbook does not have deployment with id 7 — /);
    expect(() => chooseHistoryEntry(app({}, history.slice(0, 1)), undefined)).toThrow(
      /should have at least two successful deployments/,
    );
  });
});

describe('buildRollbackOperation', () => {
  it("syncs the entry's revision and source with the apply strategy and the app's sync options", () => {
    expect(
      buildRollbackOperation(app({ syncPolicy: { syncOptions: ['CreateNamespace=true'] } }), 0, {
        prune: true,
        dryRun: false,
        username: 'alice',
      }),
    ).toEqual({
      sync: {
        source: source('v1'),
        revision: 'aaa1111',
        prune: true,
        dryRun: false,
        syncStrategy: { apply: {} },
        syncOptions: ['CreateNamespace=true'],
      },
      initiatedBy: { username: 'alice' },
    });
  });

  it('rolls a multi-source app back to all its recorded sources and revisions', () => {
    const sources = [source('v1'), { repoURL: 'https://charts.example', chart: 'redis', targetRevision: '18.0.0' }];
    const entries = [
      { id: 4, deployedAt: '2024-05-01T10:00:00Z', sources, revisions: ['aaa1111', '18.0.0'] },
      { id: 5, deployedAt: '2024-05-02T10:00:00Z', sources, revisions: ['bbb2222', '18.0.0'] },
    ];
    expect(
      buildRollbackOperation(app({}, entries), undefined, { prune: false, dryRun: true, username: 'a' }).sync,
    ).toEqual({
      sources,
      revisions: ['aaa1111', '18.0.0'],
      prune: false,
      dryRun: true,
      syncStrategy: { apply: {} },
    });
  });

  it('refuses while auto-sync is on, before looking at the ID', () => {
    expect(() =>
      buildRollbackOperation(app({ syncPolicy: { automated: { prune: true } } }), 99, {
        prune: false,
        dryRun: false,
        username: 'a',
      }),
    ).toThrow(/^rollback cannot be initiated when auto-sync is enabled$/);
  });

  it('lets a dry run through while auto-sync is on, as Argo CD does', () => {
    const operation = buildRollbackOperation(app({ syncPolicy: { automated: {} } }), 1, {
      prune: false,
      dryRun: true,
      username: 'a',
    });
    expect(operation.sync?.dryRun).toBe(true);
  });

  it('refuses an entry without a source', () => {
    const entries = [{ id: 0, revision: 'aaa1111', deployedAt: '2024-05-01T10:00:00Z' }];
    expect(() => buildRollbackOperation(app({}, entries), 0, { prune: false, dryRun: false, username: 'a' })).toThrow(
      /records no source/,
    );
  });
});
