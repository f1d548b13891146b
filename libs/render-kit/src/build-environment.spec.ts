import { buildEnvironment, envsubst } from './build-environment';

const app = {
  name: 'guestbook',
  namespace: 'argocd',
  project: 'default',
  destinationNamespace: 'prod',
  destinationServer: 'https://kubernetes.default.svc',
  repoURL: 'https://git.example.com/apps.git',
  targetRevision: 'main',
  revision: '0123456789abcdef',
  kubeVersion: '1.31.0',
  apiVersions: [],
};

describe('buildEnvironment', () => {
  it('has the ARGOCD_APP_* variables Argo CD sets, with short revisions', () => {
    expect(buildEnvironment(app, 'apps/guestbook')).toEqual({
      ARGOCD_APP_NAME: 'guestbook',
      ARGOCD_APP_NAMESPACE: 'prod',
      ARGOCD_APP_PROJECT_NAME: 'default',
      ARGOCD_APP_REVISION: '0123456789abcdef',
      ARGOCD_APP_REVISION_SHORT: '0123456',
      ARGOCD_APP_REVISION_SHORT_8: '01234567',
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/apps.git',
      ARGOCD_APP_SOURCE_PATH: 'apps/guestbook',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
    });
  });
});

describe('envsubst', () => {
  const environment = { ARGOCD_APP_NAME: 'guestbook', ARGOCD_APP_REVISION: 'abc' };
  it.each([
    ['$ARGOCD_APP_NAME', 'guestbook'],
    ['${ARGOCD_APP_NAME}-x', 'guestbook-x'],
    ['rev:$ARGOCD_APP_REVISION.', 'rev:abc.'],
    ['$UNKNOWN|', '|'],
    ['cost $$5', 'cost $5'],
    ['a $ b', 'a $ b'],
    ['trailing $', 'trailing $'],
    ['bad ${} x', 'bad  x'],
    ['open ${NAME', 'open NAME'],
    ['$1x', 'x'],
  ])('%s → %s', (text, expected) => {
    expect(envsubst(text, environment)).toBe(expected);
  });
});
