// The `default` AppProject as Argo CD's API server creates it at start-up when it is missing
// (server.go initializeDefaultProject): any repository, any server and namespace, any
// cluster-scoped kind. No sourceNamespaces, so Applications outside the control-plane namespace
// cannot use it until an administrator adds some.
import { type AppProject } from '@driftless/schema';

export const DEFAULT_PROJECT_NAME = 'default';

export function defaultProject(namespace: string): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: DEFAULT_PROJECT_NAME, namespace },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
