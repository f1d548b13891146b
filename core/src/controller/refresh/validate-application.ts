// Is an Application's spec something the controller can compare? Argo CD's
// project checks (project exists, the app's namespace may use it, sources and
// destination permitted, the destination resolves to one known cluster: see
// projects/enforcement) plus the one Driftless adds: `source` and `sources`
// both set is refused rather than silently using `sources`. Projects are
// compiled once per version of the project and of the cluster list.
import { type Application, type AppProject } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import {
  applicationSpecViolations,
  clusterLookup,
  compileProject,
  resolveDestinationCluster,
  type CompiledProject,
} from '../../projects/enforcement';
import { type NewCondition } from '../status/conditions';
import { type RefreshPorts } from './refresh-ports';

export interface ApplicationValidation {
  cluster: ClusterDefinition | undefined;
  project: CompiledProject | undefined;
  conditions: NewCondition[];
  /** resourceVersion of the project, so a project change invalidates what the refresh reuses. */
  projectVersion: string;
}

export class ApplicationValidator {
  private readonly compiled = new WeakMap<
    AppProject,
    { clusters: readonly ClusterDefinition[]; project: CompiledProject }
  >();

  constructor(private readonly ports: Pick<RefreshPorts, 'project' | 'clusters' | 'controlNamespace'>) {}

  validate(app: Application): ApplicationValidation {
    const clusters = this.ports.clusters();
    const lookup = clusterLookup(clusters);
    const source = this.ports.project(app.spec.project || 'default');
    const project = source && this.compile(source, clusters);
    const conditions: NewCondition[] = [];
    if (app.spec.source && app.spec.sources?.length)
      conditions.push({
        type: 'InvalidSpecError',
        message: 'spec.source and spec.sources are both set — keep one of them (sources for a multi-source app)',
      });
    conditions.push(
      ...applicationSpecViolations(app, project, {
        controlPlaneNamespace: this.ports.controlNamespace,
        clusters: lookup,
      }),
    );
    const resolution = app.spec.destination ? resolveDestinationCluster(app.spec.destination, lookup) : undefined;
    const cluster = resolution && 'cluster' in resolution ? resolution.cluster : undefined;
    return { cluster, project, conditions, projectVersion: source?.metadata.resourceVersion ?? '' };
  }

  private compile(project: AppProject, clusters: readonly ClusterDefinition[]): CompiledProject {
    const hit = this.compiled.get(project);
    if (hit && hit.clusters === clusters) return hit.project;
    const compiled = compileProject(project, { clusters });
    this.compiled.set(project, { clusters, project: compiled });
    return compiled;
  }
}
