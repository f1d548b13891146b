import { buildEnvironment } from '@driftless/render-kit';
import { testApplication } from '@driftless/render-kit/testing';
import { kubeVersionNumber, parameterEnvName, parsePluginBlock, pluginEnvironment } from './build-environment';

const app = testApplication({ name: 'web', kubeVersion: 'v1.31.2-eks-1', apiVersions: ['v1', 'apps/v1'] });

describe('plugin environment', () => {
  it('carries Argo CD’s build environment, KUBE_VERSION and KUBE_API_VERSIONS', () => {
    expect(pluginEnvironment(app, 'apps/web', { env: [] }, false)).toEqual({
      ...buildEnvironment(app, 'apps/web'),
      KUBE_VERSION: '1.31.2',
      KUBE_API_VERSIONS: 'v1,apps/v1',
    });
  });

  it('passes plugin.env only as ARGOCD_ENV_<name>, substituted from the build environment (BI-CMP-1)', () => {
    const env = pluginEnvironment(
      app,
      '.',
      {
        env: [
          { name: 'PATH', value: '/tmp' },
          { name: 'NODE_OPTIONS', value: '--require /tmp/x.js' },
          { name: 'RELEASE', value: '$ARGOCD_APP_NAME-${ARGOCD_APP_REVISION_SHORT}' },
        ],
      },
      true,
    );
    expect(env).toMatchObject({
      ARGOCD_ENV_PATH: '/tmp',
      ARGOCD_ENV_NODE_OPTIONS: '--require /tmp/x.js',
      ARGOCD_ENV_RELEASE: 'web-0123456',
    });
    expect(env).not.toHaveProperty('PATH');
    expect(env).not.toHaveProperty('NODE_OPTIONS');
  });

  it('refuses env names the environment cannot carry', () => {
    expect(() => pluginEnvironment(app, '.', { env: [{ name: 'A-B', value: '1' }] }, true)).toThrow(
      'plugin.env name "A-B" must use only letters, digits and _',
    );
  });

  it('passes parameters as ARGOCD_APP_PARAMETERS (Go JSON) and PARAM_* variables', () => {
    const env = pluginEnvironment(
      app,
      '.',
      {
        env: [],
        parameters: [
          { name: 'image-tag', string: 'v1<2>' },
          { name: 'regions', array: ['eu', 'us'] },
          { name: 'labels', map: { team: 'a', 'cost-center': 'b' } },
        ],
      },
      true,
    );
    expect(env.ARGOCD_APP_PARAMETERS).toBe(
      '[{"name":"image-tag","string":"v1\\u003c2\\u003e"},{"array":["eu","us"],"name":"regions"},{"map":{"cost-center":"b","team":"a"},"name":"labels"}]',
    );
    expect(env).toMatchObject({
      PARAM_IMAGE_TAG: 'v1<2>',
      PARAM_REGIONS_0: 'eu',
      PARAM_REGIONS_1: 'us',
      PARAM_LABELS_TEAM: 'a',
      PARAM_LABELS_COST_CENTER: 'b',
    });
    expect(pluginEnvironment(app, '.', { env: [] }, true).ARGOCD_APP_PARAMETERS).toBe('null');
  });

  it('escapes names and versions as Argo CD does', () => {
    expect(parameterEnvName('image.tag-x')).toBe('IMAGE_TAG_X');
    expect(kubeVersionNumber('1.29')).toBe('1.29');
  });

  it('reads the plugin block', () => {
    expect(
      parsePluginBlock({ name: 'x', env: [{ name: 'A', value: 1 }], parameters: [{ name: 'p', string: 's' }] }),
    ).toEqual({
      name: 'x',
      env: [{ name: 'A', value: '1' }],
      parameters: [{ name: 'p', string: 's' }],
    });
    expect(() => parsePluginBlock({ env: 'A=1' })).toThrow('plugin.env must be a list of {name, value}');
  });
});
