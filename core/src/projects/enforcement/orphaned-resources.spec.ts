// Runs testdata/orphaned: live objects of the destination cluster, the keys the app manages,
// and the orphans (as resource keys) plus the warning expected.
import { clusterLookup } from './cluster-lookup';
import { compileProject } from './compile-project';
import { type LiveResource, orphanedResources, resourceKey } from './orphaned-resources';
import { buildClusters, buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  destination: { namespace: string; cluster: string };
  managed: string[];
  knownApplications?: string[];
  live: LiveResource[];
  expect: { monitored: boolean; resources: string[]; condition?: string };
}

describe.each(loadCaseFiles<Case>('orphaned'))('orphaned resources $file', ({ data }) => {
  it(data.description, () => {
    const clusters = buildClusters(data.clusters);
    const lookup = clusterLookup(clusters);
    const project = compileProject(buildProject(data.project)!, { clusters });
    const answers = data.cases.map((testCase) => {
      const destinationCluster = lookup.byName(testCase.destination.cluster)[0];
      if (!destinationCluster) throw new Error(`unknown cluster ${testCase.destination.cluster}`);
      const known = testCase.knownApplications;
      const result = orphanedResources(project, testCase.live, new Set(testCase.managed), {
        destinationNamespace: testCase.destination.namespace,
        destinationCluster,
        ...(known ? { isKnownApplication: (instance: string) => known.includes(instance) } : {}),
      });
      const condition = result.condition && { condition: result.condition.message };
      return {
        ...testCase,
        expect: { monitored: result.monitored, resources: result.resources.map(resourceKey), ...condition },
      };
    });
    expect(answers).toEqual(data.cases);
  });
});
