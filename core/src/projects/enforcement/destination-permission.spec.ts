// Runs testdata/destinations: a project, the known clusters, and destinations with the answer.
import { type ApplicationDestination } from '@driftless/schema';
import { clusterLookup } from './cluster-lookup';
import { compileProject } from './compile-project';
import { isDestinationPermitted } from './destination-permission';
import { buildClusters, buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  destination: ApplicationDestination;
  permitted: boolean;
}

describe.each(loadCaseFiles<Case>('destinations'))('destinations $file', ({ data }) => {
  it(data.description, () => {
    const clusters = buildClusters(data.clusters);
    const project = compileProject(buildProject(data.project)!, { clusters });
    const lookup = clusterLookup(clusters);
    const answers = data.cases.map(({ destination }) => ({
      destination,
      permitted: isDestinationPermitted(project, destination, lookup),
    }));
    expect(answers).toEqual(data.cases);
  });
});
