// The AppProject rules an Application must meet before the API writes it
// (Argo CD's validateAndNormalizeApp → ValidatePermissions): the project
// exists, the app's namespace may use it, sources and destination are
// permitted and the destination resolves to one known cluster. Read fresh on
// every call: a project edited a second ago counts.
import { Inject, Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { ClusterRegistry } from '../../clusters/cluster-registry.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import {
  DEFAULT_PROJECT_NAME,
  applicationSpecViolations,
  clusterLookup,
  compileProject,
  defaultProject,
} from '../../projects/enforcement';
import { ProjectReader } from '../../projects/project-reader.service';

@Injectable()
export class ProjectRules {
  constructor(
    private readonly projects: ProjectReader,
    private readonly clusters: ClusterRegistry,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  /** What is wrong, one message per problem, in Argo CD's order; empty when the app may be written. */
  async violations(app: Application): Promise<string[]> {
    const [projects] = await Promise.all([this.projects.list(), this.clusters.start()]);
    const clusters = this.clusters.list();
    const projectName = app.spec.project || DEFAULT_PROJECT_NAME;
    const stored = projects.find((project) => project.metadata.name === projectName);
    // Argo CD's API server creates the default project when it is missing.
    const project =
      stored ?? (projectName === DEFAULT_PROJECT_NAME ? defaultProject(this.config.namespace) : undefined);
    const problems: string[] = [];
    if (app.spec.source && app.spec.sources?.length)
      problems.push('spec.source and spec.sources are both set — keep one of them (sources for a multi-source app)');
    const conditions = applicationSpecViolations(app, project && compileProject(project, { clusters }), {
      controlPlaneNamespace: this.config.namespace,
      clusters: clusterLookup(clusters),
    });
    return [...problems, ...conditions.map((condition) => condition.message)];
  }
}
