import { type RenderApplication } from '@driftless/plugin-sdk';
import { buildEnvironment } from './build-environment';
import { testApplication } from './testing';

describe('buildEnvironment', () => {
  it('has the ARGOCD_APP_* variables Argo CD sets, with short revisions', () => {
    expect(buildEnvironment(testApplication(), 'apps/guestbook')).toEqual({
      ARGOCD_APP_NAME: 'guestbook',
      ARGOCD_APP_NAMESPACE: 'prod',
      ARGOCD_APP_PROJECT_NAME: 'default',
      ARGOCD_APP_REVISION: '0123456789abcdef0123',
      ARGOCD_APP_REVISION_SHORT: '0123456',
      ARGOCD_APP_REVISION_SHORT_8: '01234567',
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/apps.git',
      ARGOCD_APP_SOURCE_PATH: 'apps/guestbook',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
    });
  });

  it('gives an empty value for a field the input lacks', () => {
    const partial = { name: 'web' } as RenderApplication;
    expect(buildEnvironment(partial, '.')).toMatchObject({
      ARGOCD_APP_NAME: 'web',
      ARGOCD_APP_NAMESPACE: '',
      ARGOCD_APP_REVISION: '',
      ARGOCD_APP_REVISION_SHORT: '',
      ARGOCD_APP_SOURCE_PATH: '.',
    });
  });
});
