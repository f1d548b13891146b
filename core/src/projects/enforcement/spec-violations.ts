// What is wrong with an Application with respect to its project, as Argo CD's controller reports
// it on each refresh (refreshAppConditions → ValidatePermissions), in the same order:
// 1. the project does not exist → only that;
// 2. the Application's namespace may not use the project → only that (UnknownError);
// 3. sources (see source-violations.ts) — a missing required field stops here;
// 4. the destination: its cluster must resolve (else only that error), then be permitted.
// Pass `project` undefined when no AppProject of that name exists; whether a missing `default`
// should be replaced by defaultProject() is the caller's decision (Argo CD's API server creates it).
import { type Application } from '@driftless/schema';
import { appNamespaceCondition } from './app-namespace';
import { type ClusterLookup } from './cluster-lookup';
import { type CompiledProject } from './compile-project';
import { checkDestination } from './destination-permission';
import { messages } from './messages';
import { sourceViolations } from './source-violations';
import { type SpecCondition, invalidSpec } from './spec-condition';

export interface SpecContext {
  /** The namespace Driftless runs in (DRIFTLESS_NAMESPACE), Argo CD's controller namespace. */
  readonly controlPlaneNamespace: string;
  readonly clusters: ClusterLookup;
}

export function applicationSpecViolations(
  app: Application,
  project: CompiledProject | undefined,
  context: SpecContext,
): SpecCondition[] {
  if (project === undefined) return [invalidSpec(messages.projectMissing(app.spec.project))];
  const namespaceCondition = appNamespaceCondition(app, project, context.controlPlaneNamespace);
  if (namespaceCondition) return [namespaceCondition];

  const sources = sourceViolations(app, project);
  if (sources.stop) return sources.conditions;
  const conditions = [...sources.conditions];

  const destination = app.spec.destination;
  const verdict = checkDestination(project, destination, context.clusters);
  if (!verdict.permitted && verdict.unresolved !== undefined) {
    conditions.push(invalidSpec(verdict.unresolved));
  } else if (!verdict.permitted) {
    // Argo CD names the server as written in the spec, so it is empty for a destination by name.
    const message = messages.destinationNotPermitted(
      destination.server ?? '',
      destination.namespace ?? '',
      app.spec.project,
    );
    conditions.push(invalidSpec(message));
  }
  return conditions;
}
