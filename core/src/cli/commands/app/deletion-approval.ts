// `app confirm-deletion`'s write: the app's argocd.argoproj.io/deletion-approved
// annotation set to now, which releases the Prune=confirm and Delete=confirm
// objects whose sync or deletion started before it. Pure.
import { DELETION_APPROVED_ANNOTATION } from '../../../sync/plan-sync';

/** RFC 3339 to the second, as Argo CD writes it (metav1.Now().Format(time.RFC3339)). */
export const approvalTime = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The merge patch of the Application that approves deletion at `now`. */
export function deletionApprovalPatch(now: Date): { metadata: { annotations: Record<string, string> } } {
  return { metadata: { annotations: { [DELETION_APPROVED_ANNOTATION]: approvalTime(now) } } };
}
