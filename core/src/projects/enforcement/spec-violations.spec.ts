// Runs testdata/spec-violations: a project (or none), the known clusters, and Applications with
// the exact conditions Argo CD would set.
import { type Application, type ApplicationSpec } from '@driftless/schema';
import { clusterLookup } from './cluster-lookup';
import { compileProject } from './compile-project';
import { type SpecCondition } from './spec-condition';
import { applicationSpecViolations } from './spec-violations';
import { CONTROL_PLANE_NAMESPACE, buildClusters, buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  app: { name?: string; namespace?: string; spec: ApplicationSpec };
  conditions: SpecCondition[];
}

function application({ name, namespace, spec }: Case['app']): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: name ?? 'web', namespace: namespace ?? CONTROL_PLANE_NAMESPACE },
    spec,
  };
}

describe.each(loadCaseFiles<Case>('spec-violations'))('spec violations $file', ({ data }) => {
  it(data.description, () => {
    const clusters = buildClusters(data.clusters);
    const appProject = buildProject(data.project);
    const project = appProject && compileProject(appProject, { clusters });
    const context = { controlPlaneNamespace: CONTROL_PLANE_NAMESPACE, clusters: clusterLookup(clusters) };
    const answers = data.cases.map((testCase) => ({
      ...testCase,
      conditions: applicationSpecViolations(application(testCase.app), project, context),
    }));
    expect(answers).toEqual(data.cases);
  });
});
