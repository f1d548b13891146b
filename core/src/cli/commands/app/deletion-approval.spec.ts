import { approvalTime, deletionApprovalPatch } from './deletion-approval';

describe('deletionApprovalPatch', () => {
  it('sets the deletion-approved annotation to the time in RFC 3339, to the second', () => {
    const now = new Date('2026-11-26T17:45:12.678Z');
    expect(deletionApprovalPatch(now)).toEqual({
      metadata: { annotations: { 'argocd.argoproj.io/deletion-approved': '2026-11-26T17:45:12Z' } },
    });
    expect(approvalTime(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05Z');
  });
});
