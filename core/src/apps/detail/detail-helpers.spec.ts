import { type Application, type SyncWindow } from '@driftless/schema';
import { aboutManagedResource, eventModel, managedNamespaces, newestFirst } from './application-events';
import { applicationSyncWindows } from './application-sync-windows';
import { maskSecretData, SECRET_MASK } from './mask-secret-data';
import { withRevision } from './revision-override';

const app = {
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example/app.git', path: 'web', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
  },
} as unknown as Application;

describe('secret masking', () => {
  it('masks data, stringData and last-applied of v1 Secrets only', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 's',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":1}', a: 'b' },
      },
      data: { password: 'aHVudGVyMg==' },
      stringData: { token: 't' },
    };
    const masked = maskSecretData(secret);
    expect(masked['data']).toEqual({ password: SECRET_MASK });
    expect(masked['stringData']).toEqual({ token: SECRET_MASK });
    expect(masked.metadata['annotations']).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': SECRET_MASK,
      a: 'b',
    });
    expect(secret.data.password).toBe('aHVudGVyMg==');
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(maskSecretData(configMap)).toBe(configMap);
  });
});

describe('revision override', () => {
  it('replaces the single source target revision', () => {
    const result = withRevision(app, 'v2');
    expect('app' in result && result.app.spec.source?.targetRevision).toBe('v2');
    expect(app.spec.source?.targetRevision).toBe('main');
    expect(withRevision(app, null)).toEqual({ app });
    expect(withRevision(app, '>=1.0.0 <2.0.0')).toHaveProperty('app');
  });

  it.each(['--upload-pack=x', 'main\nx', 'x'.repeat(300)])('refuses %s', (revision) => {
    expect(withRevision(app, revision)).toHaveProperty('error');
  });

  it('refuses one revision for a multi-source app', () => {
    const multi = {
      ...app,
      spec: { ...app.spec, source: undefined, sources: [app.spec.source] },
    } as unknown as Application;
    expect(withRevision(multi, 'v2')).toEqual({ error: expect.stringContaining('several sources') });
  });
});

describe('sync windows of an application', () => {
  const windows: SyncWindow[] = [
    { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['web'] },
    { kind: 'allow', schedule: '0 0 1 1 *', duration: '1h', namespaces: ['other'] },
  ];

  it('lists the matching windows, which are open, and what may sync', () => {
    const result = applicationSyncWindows(app, windows, new Date('2026-03-03T10:30:00Z'));
    expect(result.assignedWindows).toHaveLength(1);
    expect(result.assignedWindows[0]).toMatchObject({ kind: 'deny', active: true, timeZone: 'UTC' });
    expect(result.activeWindows).toHaveLength(1);
    expect(result).toMatchObject({ canSync: false, autoSyncAllowed: false, state: 'Sync Denied' });
  });

  it('allows everything without windows', () => {
    expect(applicationSyncWindows(app, [], new Date())).toMatchObject({
      assignedWindows: [],
      canSync: true,
      autoSyncAllowed: true,
      state: 'Sync Allowed',
      nextChangeAt: null,
    });
  });
});

describe('events', () => {
  it('keeps allow-listed fields and orders newest first', () => {
    const older = eventModel({
      reason: 'A',
      message: 'first',
      lastTimestamp: '2026-01-01T00:00:00Z',
      involvedObject: { kind: 'Application', name: 'web', namespace: 'argocd', uid: 'u' } as never,
      secret: 'x',
    } as never);
    const newer = eventModel({ reason: 'B', eventTime: '2026-01-02T00:00:00Z', note: 'second', type: 'Warning' });
    expect(Object.keys(older.involvedObject).sort()).toEqual(['apiVersion', 'kind', 'name', 'namespace']);
    expect(older).not.toHaveProperty('secret');
    expect(newestFirst([older, newer]).map((event) => event.reason)).toEqual(['B', 'A']);
    expect(newer).toMatchObject({ message: 'second', count: 1, type: 'Warning' });
  });

  it('recognises events about managed resources only', () => {
    const resources = [
      { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front' },
      { group: '', kind: 'Service', namespace: 'web', name: 'front' },
    ];
    const about = aboutManagedResource(resources);
    expect(
      about({ involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'front' } }),
    ).toBe(true);
    expect(about({ involvedObject: { apiVersion: 'v1', kind: 'Service', namespace: 'web', name: 'front' } })).toBe(
      true,
    );
    expect(about({ involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name: 'front' } })).toBe(false);
    expect(managedNamespaces([...resources, { kind: 'Namespace', name: 'web' }], 10)).toEqual(['web']);
  });
});
