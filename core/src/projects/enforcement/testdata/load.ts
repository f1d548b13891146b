// Reads the YAML cases under testdata/<area>/ and builds the fixtures they name, for the
// *.spec.ts runners next to the code. Add a case by adding a file (or a list entry).
import { type AppProject, type AppProjectSpec } from '@driftless/schema';
import { loadYamlCaseFiles } from '../../../common/testing/yaml-cases';
import { type ClusterDefinition } from '../../../clusters/cluster-config';
import { defaultProject } from '../default-project';

export const CONTROL_PLANE_NAMESPACE = 'argocd';

/** `default` means defaultProject(); `missing` means no AppProject exists. */
export type ProjectFixture = 'default' | 'missing' | { name?: string; spec: AppProjectSpec };

export interface ClusterFixture {
  name: string;
  server: string;
  namespaces?: string[];
  clusterResources?: boolean;
  project?: string;
}

export interface CaseFile<Case> {
  description: string;
  project?: ProjectFixture;
  clusters?: ClusterFixture[];
  cases: Case[];
}

export function loadCaseFiles<Case>(area: string): { file: string; data: CaseFile<Case> }[] {
  return loadYamlCaseFiles<CaseFile<Case>>(__dirname, area);
}

export function buildProject(fixture: ProjectFixture | undefined): AppProject | undefined {
  if (fixture === undefined) throw new Error('the case file needs a project');
  if (fixture === 'missing') return undefined;
  if (fixture === 'default') return defaultProject(CONTROL_PLANE_NAMESPACE);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: fixture.name ?? 'team', namespace: CONTROL_PLANE_NAMESPACE },
    spec: fixture.spec,
  };
}

export function buildClusters(fixtures: ClusterFixture[] | undefined): ClusterDefinition[] {
  return (fixtures ?? []).map((fixture) => ({
    name: fixture.name,
    server: fixture.server,
    namespaces: fixture.namespaces ?? [],
    clusterResources: fixture.clusterResources ?? false,
    project: fixture.project,
    labels: {},
    annotations: {},
    config: {},
    source: '',
  }));
}
