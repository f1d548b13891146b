// Reads the YAML cases under testdata/<area>/ for the *.spec.ts runners next to the code.
// Add a case by adding a file or a list entry. Instants are ISO strings in UTC.
import { type SyncWindow } from '@driftless/schema';
import { loadYamlCaseFiles } from '../../../common/testing/yaml-cases';
import { type SyncWindowTarget } from '../matching-windows';

export interface CaseFile<Case> {
  description: string;
  window?: SyncWindow;
  windows?: SyncWindow[];
  cases: Case[];
}

export function loadCaseFiles<Case>(area: string): { file: string; data: CaseFile<Case> }[] {
  return loadYamlCaseFiles<CaseFile<Case>>(__dirname, area);
}

/** The application the can-sync and next-change cases ask about. */
export const GUESTBOOK: SyncWindowTarget = {
  application: 'guestbook',
  namespace: 'default',
  server: 'https://kubernetes.default.svc',
};

export function instant(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`testdata: '${text}' is not an ISO instant`);
  return date;
}
