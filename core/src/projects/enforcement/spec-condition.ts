// The conditions project enforcement reports on an Application, typed as Argo CD sets them:
// spec problems are InvalidSpecError; a project the Application may not use is UnknownError
// (Argo CD reports every project-lookup failure other than "not found" that way).
import { type ApplicationCondition } from '@driftless/schema';

export interface SpecCondition extends Pick<ApplicationCondition, 'message'> {
  readonly type: 'InvalidSpecError' | 'UnknownError';
  readonly message: string;
}

export function invalidSpec(message: string): SpecCondition {
  return { type: 'InvalidSpecError', message };
}
