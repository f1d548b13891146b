// The source half of Argo CD's ValidatePermissions. Which sources count:
// - spec.sourceHydrator set: its dry source (sync source and `sources` are not checked here);
// - otherwise a non-empty spec.sources: every entry, and spec.source is ignored (Argo CD accepts
//   both being set and uses `sources`);
// - otherwise spec.source (absent reads as an empty source, hence "repoURL … required").
// A missing required field ends validation at once (no destination check), as in Argo CD.
import { type Application, type ApplicationSource, type SourceHydrator } from '@driftless/schema';
import { type CompiledProject } from './compile-project';
import { messages } from './messages';
import { repoUrlProblem } from './normalize-git-url';
import { isSourcePermitted } from './source-permission';
import { type SpecCondition, invalidSpec } from './spec-condition';

export interface SourceCheck {
  readonly conditions: SpecCondition[];
  /** True when a required field is missing: Argo CD reports only that and stops. */
  readonly stop: boolean;
}

export function sourceViolations(app: Application, project: CompiledProject): SourceCheck {
  const { spec } = app;
  if (spec.sourceHydrator) return hydratorViolations(spec.sourceHydrator, spec.project, project);
  const sources = spec.sources ?? [];
  if (sources.length === 0) {
    const source: ApplicationSource = spec.source ?? { repoURL: '' };
    if (source.repoURL === '' || (!source.path && !source.chart)) {
      return { conditions: [invalidSpec(messages.sourceFieldsRequired)], stop: true };
    }
    return checkSource(source, 'spec.source.repoURL', spec.project, project, []);
  }
  const conditions: SpecCondition[] = [];
  for (const [index, source] of sources.entries()) {
    if (source.repoURL === '' || (!source.path && !source.chart && !source.ref)) {
      conditions.push(invalidSpec(messages.multiSourceFieldsRequired(`spec.sources[${index}]`, source)));
      return { conditions, stop: true };
    }
    const check = checkSource(source, `spec.sources[${index}].repoURL`, spec.project, project, conditions);
    if (check.stop) return check;
  }
  return { conditions, stop: false };
}

function hydratorViolations(hydrator: SourceHydrator, projectName: string, project: CompiledProject): SourceCheck {
  const missing: SpecCondition[] = [];
  if (!hydrator.drySource.repoURL) missing.push(invalidSpec(messages.hydratorRepoRequired));
  if (!hydrator.syncSource.targetBranch) missing.push(invalidSpec(messages.hydratorSyncBranchRequired));
  if (hydrator.hydrateTo && !hydrator.hydrateTo.targetBranch) {
    missing.push(invalidSpec(messages.hydratorHydrateToRequired));
  }
  if (missing.length > 0) return { conditions: missing, stop: true };
  const repoURL = hydrator.drySource.repoURL;
  return {
    conditions: repoConditions(repoURL, 'spec.sourceHydrator.drySource.repoURL', projectName, project),
    stop: false,
  };
}

function checkSource(
  source: ApplicationSource,
  where: string,
  projectName: string,
  project: CompiledProject,
  conditions: SpecCondition[],
): SourceCheck {
  if (source.chart && !source.targetRevision) {
    conditions.push(invalidSpec(messages.chartRevisionRequired));
    return { conditions, stop: true };
  }
  conditions.push(...repoConditions(source.repoURL, where, projectName, project));
  return { conditions, stop: false };
}

/** An unparsable URL gets its own message; asking whether it is permitted would be meaningless. */
function repoConditions(
  repoURL: string,
  where: string,
  projectName: string,
  project: CompiledProject,
): SpecCondition[] {
  const problem = repoUrlProblem(repoURL);
  if (problem !== undefined) return [invalidSpec(messages.invalidRepoUrl(where, repoURL, problem))];
  return isSourcePermitted(project, repoURL) ? [] : [invalidSpec(messages.repoNotPermitted(repoURL, projectName))];
}
