import { type Application, type OperationState } from '@driftless/schema';
import {
  describeOperation,
  formatSeconds,
  renderOperationReport,
  resourceStateColumns,
  resourceStateRows,
} from './operation-report';

const operationState: OperationState = {
  operation: { sync: {} },
  phase: 'Failed',
  message: 'one or more objects failed to apply',
  startedAt: '2024-05-01T10:00:00Z',
  finishedAt: '2024-05-01T10:01:05Z',
  syncResult: {
    revision: 'abc1234567',
    resources: [
      {
        group: '',
        version: 'v1',
        kind: 'Service',
        namespace: 'web',
        name: 'frontend',
        status: 'Synced',
        hookPhase: 'Succeeded',
        message: 'service/frontend configured',
      },
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'frontend',
        status: 'SyncFailed',
        hookPhase: 'Failed',
        message: 'spec.replicas: Invalid value',
      },
      {
        group: 'batch',
        version: 'v1',
        kind: 'Job',
        namespace: 'web',
        name: 'migrate',
        status: 'Synced',
        hookType: 'PreSync',
        hookPhase: 'Succeeded',
        message: 'job completed',
      },
    ],
  },
};

const app: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example/apps.git', path: 'guestbook', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
  },
  status: {
    sync: { status: 'OutOfSync' },
    health: { status: 'Degraded' },
    resources: [
      {
        group: '',
        kind: 'Service',
        namespace: 'web',
        name: 'frontend',
        status: 'Synced',
        health: { status: 'Healthy' },
      },
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'web',
        name: 'frontend',
        status: 'OutOfSync',
        health: { status: 'Degraded' },
      },
      { group: '', kind: 'ConfigMap', namespace: 'web', name: 'settings', status: 'Synced' },
    ],
    operationState,
  },
};

describe('resourceStateRows', () => {
  it("shows results first (a hook's phase and result, others' current status and health), then the app's other resources", () => {
    expect(resourceStateRows(app).map((row) => resourceStateColumns.map((column) => column.value(row)))).toEqual([
      ['', 'Service', 'web', 'frontend', 'Synced', 'Healthy', '', 'service/frontend configured'],
      ['apps', 'Deployment', 'web', 'frontend', 'OutOfSync', 'Degraded', '', 'spec.replicas: Invalid value'],
      ['batch', 'Job', 'web', 'migrate', 'Succeeded', 'Synced', 'PreSync', 'job completed'],
      ['', 'ConfigMap', 'web', 'settings', 'Synced', '', '', ''],
    ]);
  });

  it('keeps only the selected resources after a selective sync', () => {
    const rows = resourceStateRows(app, [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'frontend' }]);
    expect(rows.map((row) => row.kind)).toEqual(['Deployment']);
    expect(resourceStateRows(app, [{ kind: 'ConfigMap', namespace: 'web', name: 'settings' }])).toHaveLength(1);
  });
});

describe('describeOperation', () => {
  it('prints the phase, times, duration and message as argocd does', () => {
    expect(describeOperation(operationState)).toBe(
      [
        'Operation:          Sync',
        'Sync Revision:      abc1234567',
        'Phase:              Failed',
        'Start:              2024-05-01T10:00:00Z',
        'Finished:           2024-05-01T10:01:05Z',
        'Duration:           1m5s',
        'Message:            one or more objects failed to apply',
        '',
      ].join('\n'),
    );
  });

  it('counts a running operation up to now, without a Finished line', () => {
    const running: OperationState = { operation: {}, phase: 'Running', startedAt: '2024-05-01T10:00:00Z' };
    const text = describeOperation(running, new Date('2024-05-01T10:00:03Z'));
    expect(text).not.toContain('Finished:');
    expect(text).toContain('Duration:           3s\n');
  });

  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m0s'],
    [3723, '1h2m3s'],
  ])('%ss → %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe('renderOperationReport', () => {
  it('prints the summary, the operation and the resource table', () => {
    const text = renderOperationReport(app, operationState, [], 'table');
    const [summary, operation, table] = text.split('\n\n');
    expect(summary).toContain('Name:          argocd/guestbook\n');
    expect(summary).toContain('Sync Status:   OutOfSync\n');
    expect(operation).toMatch(/^Operation: {10}Sync\n/);
    expect(table?.split('\n')[0]).toMatch(/^GROUP\s+KIND\s+NAMESPACE\s+NAME\s+STATUS\s+HEALTH\s+HOOK\s+MESSAGE$/);
    expect(table?.split('\n')).toHaveLength(6);
  });

  it('prints the Application for -o json and its name for -o name', () => {
    expect(JSON.parse(renderOperationReport(app, operationState, [], 'json'))).toEqual(app);
    expect(renderOperationReport(app, operationState, [], 'name')).toBe('argocd/guestbook\n');
  });
});
