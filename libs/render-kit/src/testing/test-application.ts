// The Application a renderer spec renders for, so each spec states only the
// fields it cares about.
import { type RenderApplication } from '@driftless/plugin-sdk';

/** `guestbook` in project `default`, rendered for namespace `prod` at revision `0123456789abcdef0123`, with `overrides`. */
export function testApplication(overrides: Partial<RenderApplication> = {}): RenderApplication {
  return {
    name: 'guestbook',
    namespace: 'argocd',
    project: 'default',
    destinationNamespace: 'prod',
    destinationServer: 'https://kubernetes.default.svc',
    repoURL: 'https://git.example.com/apps.git',
    targetRevision: 'main',
    revision: '0123456789abcdef0123',
    kubeVersion: '1.31.0',
    apiVersions: [],
    ...overrides,
  };
}
