import { refreshedSince, waitForNextSecond } from './app-refresh-wait';

const view = (reconciledAt: string | null, annotations: Record<string, string> = {}) => ({
  annotations,
  status: { reconciledAt },
});

describe('app diff --refresh wait', () => {
  it('is done once the annotation is gone and reconciledAt moved past the one before the request', () => {
    expect(refreshedSince('2026-01-01T10:00:00Z', view('2026-01-01T10:00:01Z'))).toBe(true);
    expect(refreshedSince(null, view('2026-01-01T10:00:00Z'))).toBe(true);
  });

  it('is not done while the request is pending or before a newer reconcile', () => {
    expect(refreshedSince('2026-01-01T10:00:00Z', view('2026-01-01T10:00:00Z'))).toBe(false);
    expect(refreshedSince(null, view(null))).toBe(false);
    expect(
      refreshedSince('2026-01-01T10:00:00Z', view('2026-01-01T10:00:05Z', { 'argocd.argoproj.io/refresh': 'hard' })),
    ).toBe(false);
  });

  it('waits for the next whole second only when the last reconcile is in the current one', () => {
    const at = Date.parse('2026-01-01T10:00:00Z');
    expect(waitForNextSecond('2026-01-01T10:00:00Z', at + 300)).toBe(700);
    expect(waitForNextSecond('2026-01-01T10:00:00Z', at + 1000)).toBe(0);
    expect(waitForNextSecond(null, at)).toBe(0);
    // A server clock an hour ahead: still at most a second.
    expect(waitForNextSecond('2026-01-01T11:00:00Z', at)).toBe(1000);
  });
});
