import { renderAppDiff, type ManagedResourceDiffView } from './app-diff-render';

const deployment = (replicas: number): string =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'front', namespace: 'web' },
    spec: { replicas },
  });

const resource = (overrides: Partial<ManagedResourceDiffView>): ManagedResourceDiffView => ({
  group: 'apps',
  kind: 'Deployment',
  namespace: 'web',
  name: 'front',
  targetState: deployment(2),
  liveState: deployment(2),
  normalizedLiveState: deployment(2),
  predictedLiveState: deployment(2),
  modified: false,
  hook: false,
  ...overrides,
});

describe('app diff output', () => {
  it('prints nothing and counts nothing when every resource matches', () => {
    expect(renderAppDiff([resource({})])).toEqual({ text: '', differing: 0 });
  });

  it('prints a header and a unified diff of normalized live against predicted live', () => {
    const diff = renderAppDiff([resource({ modified: true, normalizedLiveState: deployment(5) })]);
    expect(diff.differing).toBe(1);
    const lines = diff.text.split('\n');
    expect(lines[0]).toBe('===== apps/Deployment web/front ======');
    expect(lines).toContain('-  replicas: 5');
    expect(lines).toContain('+  replicas: 2');
    expect(diff.text).toContain('--- front-live.yaml');
  });

  it('falls back to the target state when no prediction is given', () => {
    const diff = renderAppDiff([
      resource({
        modified: true,
        normalizedLiveState: deployment(5),
        predictedLiveState: null,
        targetState: deployment(3),
      }),
    ]);
    expect(diff.text).toContain('+  replicas: 3');
  });

  it('reads the JSON null as a missing state', () => {
    const pruned = resource({ targetState: 'null', predictedLiveState: 'null' });
    const diff = renderAppDiff([pruned]);
    expect(diff.differing).toBe(1);
    expect(diff.text).toContain('-kind: Deployment');
  });

  it('counts a resource missing on one side, and leaves hooks out', () => {
    const missing = resource({ liveState: null, normalizedLiveState: null, predictedLiveState: null });
    const hook = resource({ hook: true, modified: true, normalizedLiveState: deployment(9) });
    const diff = renderAppDiff([missing, hook]);
    expect(diff.differing).toBe(1);
    expect(diff.text).toContain('+kind: Deployment');
    expect(diff.text).not.toContain('replicas: 9');
  });
});
