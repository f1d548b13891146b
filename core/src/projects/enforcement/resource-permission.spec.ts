// Runs testdata/resources: a project, the known clusters, and objects with the verdict expected
// (for the destination cluster named by `cluster`, or the lists alone without one).
import { clusterLookup } from './cluster-lookup';
import { compileProject } from './compile-project';
import { type ResourceRef, type ResourceVerdict, isResourcePermitted } from './resource-permission';
import { buildClusters, buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  resource: ResourceRef;
  namespaced: boolean;
  cluster?: string;
  expect: ResourceVerdict;
}

describe.each(loadCaseFiles<Case>('resources'))('resources $file', ({ data }) => {
  it(data.description, () => {
    const clusters = buildClusters(data.clusters);
    const lookup = clusterLookup(clusters);
    const project = compileProject(buildProject(data.project)!, { clusters });
    const answers = data.cases.map((testCase) => {
      const cluster = testCase.cluster === undefined ? undefined : lookup.byName(testCase.cluster)[0];
      if (testCase.cluster !== undefined && cluster === undefined)
        throw new Error(`unknown cluster ${testCase.cluster}`);
      return { ...testCase, expect: isResourcePermitted(project, testCase.resource, testCase.namespaced, cluster) };
    });
    expect(answers).toEqual(data.cases);
  });
});
