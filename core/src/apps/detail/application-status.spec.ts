import { type Application } from '@driftless/schema';
import {
  conditionModels,
  historyModels,
  resourceStatusModels,
  statusSummaryModel,
  syncStatusModel,
} from './application-status';

const source = { repoURL: 'https://git.example/app.git', path: 'web', targetRevision: 'main', secretToken: 's3cret' };

// Every level carries a field the allow-list does not name: none of them may come out.
const app = {
  metadata: { name: 'web', namespace: 'argocd' },
  spec: { project: 'default', source, destination: { server: 'https://kubernetes.default.svc', namespace: 'web' } },
  status: {
    sync: {
      status: 'OutOfSync',
      revision: 'abc123',
      comparedTo: { source, destination: { server: 'https://kubernetes.default.svc', namespace: 'web' }, extra: 1 },
      leaked: 'x',
    },
    health: { status: 'Healthy', message: 'ok', leaked: 'x' },
    conditions: [{ type: 'ComparisonError', message: 'boom', lastTransitionTime: '2026-01-01T00:00:00Z', leaked: 1 }],
    history: [
      {
        id: 3,
        revision: 'abc123',
        deployedAt: '2026-01-02T00:00:00Z',
        source,
        initiatedBy: { username: 'alice', automated: false, token: 'nope' },
        manifests: ['kind: Secret'],
      },
    ],
    resources: [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'front',
        status: 'Synced',
        health: { status: 'Progressing', leaked: 1 },
        syncWave: 2,
        liveState: '{"kind":"Secret"}',
      },
      { version: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'settings', requiresPruning: true, hook: true },
    ],
    summary: { images: ['nginx:1'], externalURLs: ['https://web.example'], secretURL: 'x' },
    futureField: { anything: true },
  },
} as unknown as Application;

const keysDeep = (value: unknown): string[] =>
  value === null || typeof value !== 'object'
    ? []
    : Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);

describe('application status models', () => {
  it('builds sync status by allow-list', () => {
    const sync = syncStatusModel(app);
    expect(sync).toEqual({
      status: 'OutOfSync',
      revision: 'abc123',
      revisions: [],
      comparedTo: {
        sources: [{ repoURL: source.repoURL, path: 'web', targetRevision: 'main', chart: null, ref: null }],
        destination: { server: 'https://kubernetes.default.svc', name: null, namespace: 'web' },
      },
    });
  });

  it('keeps only named fields of conditions, history, resources and summary', () => {
    const built = [conditionModels(app), historyModels(app), resourceStatusModels(app), statusSummaryModel(app)];
    const keys = new Set(built.flatMap(keysDeep));
    for (const unknown of ['leaked', 'token', 'manifests', 'liveState', 'secretURL', 'secretToken', 'futureField'])
      expect(keys).not.toContain(unknown);
    expect(historyModels(app)[0]).toMatchObject({ id: 3, initiatedBy: 'alice', automated: false });
    expect(resourceStatusModels(app)).toEqual([
      expect.objectContaining({
        group: 'apps',
        syncWave: 2,
        health: expect.objectContaining({ status: 'Progressing' }),
      }),
      expect.objectContaining({ group: '', requiresPruning: true, hook: true, health: null, syncWave: null }),
    ]);
    expect(statusSummaryModel(app)).toEqual({ images: ['nginx:1'], externalURLs: ['https://web.example'] });
  });

  it('answers empty parts for an app the controller has not seen', () => {
    const { status: _status, ...fresh } = app;
    expect(syncStatusModel(fresh)).toBeNull();
    expect(conditionModels(fresh)).toEqual([]);
    expect(historyModels(fresh)).toEqual([]);
    expect(resourceStatusModels(fresh)).toEqual([]);
    expect(statusSummaryModel(fresh)).toEqual({ images: [], externalURLs: [] });
  });
});
