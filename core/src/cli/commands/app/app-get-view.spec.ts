import { describeApplicationDetail, type ApplicationDetailView } from './app-get-view';

const app: ApplicationDetailView = {
  name: 'web',
  namespace: 'argocd',
  project: 'default',
  autoSync: false,
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  createdAt: null,
  sources: [{ repoURL: 'https://git.example/app.git', path: 'web', targetRevision: 'main', chart: null, ref: null }],
  destination: { server: 'https://kubernetes.default.svc', name: null, namespace: 'web' },
  spec: { source: { helm: { parameters: [{ name: 'image.tag', value: 'v2' }] } } },
  syncWindows: {
    state: 'Manual Allowed',
    assignedWindows: [{ kind: 'deny', schedule: '0 22 * * *', duration: '1h', active: true }],
  },
  status: {
    sync: { status: 'Synced', revision: 'a'.repeat(40), revisions: [] },
    health: { status: 'Healthy', message: null },
    conditions: [{ type: 'SyncError', message: 'it\nbroke', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    resources: [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'front',
        status: 'Synced',
        health: { status: 'Healthy', message: null },
        hook: false,
        requiresPruning: false,
        syncWave: null,
      },
    ],
    operationState: {
      phase: 'Succeeded',
      message: 'successfully synced',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:05Z',
      initiatedBy: 'alice',
      automated: false,
      revision: 'a'.repeat(40),
      resources: [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front', message: 'configured' }],
    },
    summary: { images: [], externalURLs: [] },
  },
};

describe('app get text', () => {
  it('prints the summary, windows, conditions and resources as argocd app get does', () => {
    const text = describeApplicationDetail(app);
    expect(text).toContain('Name:               argocd/web\n');
    expect(text).toContain('- Repo:             https://git.example/app.git\n');
    expect(text).toContain('SyncWindow:         Manual Allowed\n');
    expect(text).toContain('Assigned Windows:   deny:0 22 * * *:1h\n');
    expect(text).toContain('Sync Status:        Synced to main (aaaaaaa)\n');
    expect(text).toMatch(/SyncError +it broke +2026-01-01T00:00:00Z/);
    expect(text).toMatch(/apps +Deployment +web +front +Synced +Healthy +configured/);
    expect(text).not.toContain('Phase:');
    expect(text).not.toContain('image.tag');
  });

  it('adds the operation and the parameters when asked', () => {
    const text = describeApplicationDetail(app, { showOperation: true, showParams: true });
    expect(text).toContain('Phase:              Succeeded\n');
    expect(text).toContain('Initiated By:       alice\n');
    expect(text).toMatch(/image\.tag +v2/);
  });
});
