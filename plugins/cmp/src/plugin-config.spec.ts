import { parsePluginConfigs } from './plugin-config';

const stream = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: ConfigManagementPlugin',
  'metadata: {name: tanka}',
  'spec:',
  '  version: v1.0',
  '  init: {command: [sh, -c], args: ["jb install"]}',
  '  generate: {command: [sh, -c, "tk show . --dangerous-allow-redirect"]}',
  '  discover: {fileName: "./jsonnetfile.json"}',
  '  provideGitCreds: true',
  '---',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: ConfigManagementPlugin',
  'metadata: {name: envsubst}',
  'spec:',
  '  generate: {command: [sh, -c], args: ["cat *.yaml | envsubst"]}',
  '  discover:',
  '    find: {command: [sh, -c, "ls *.envsubst"]}',
  '---',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: ConfigManagementPlugin',
  'metadata: {name: broken}',
  'spec: {init: {command: [sh]}}',
  '---',
  'kind: Something',
  'metadata: {name: other}',
].join('\n');

describe('parsePluginConfigs', () => {
  it('reads definitions in socket-name order, with name-version full names', () => {
    const { plugins } = parsePluginConfigs(stream);
    expect(plugins.map(({ fullName }) => fullName)).toEqual(['envsubst', 'tanka-v1.0']);
    expect(plugins[1]).toEqual({
      name: 'tanka',
      version: 'v1.0',
      fullName: 'tanka-v1.0',
      init: { command: ['sh', '-c'], args: ['jb install'] },
      generate: { command: ['sh', '-c', 'tk show . --dangerous-allow-redirect'], args: [] },
      discover: { fileName: './jsonnetfile.json' },
      preserveFileMode: false,
      provideGitCreds: true,
    });
    expect(plugins[0]?.discover).toEqual({ find: { command: { command: ['sh', '-c', 'ls *.envsubst'], args: [] } } });
  });

  it('keeps out what Argo CD’s ValidatePluginConfig refuses, with the reason', () => {
    expect(parsePluginConfigs(stream).invalid).toEqual([
      { name: 'broken', reason: 'spec.generate command should be non-empty' },
      { name: 'other', reason: 'kind should be ConfigManagementPlugin' },
    ]);
  });

  it('reads nothing from an absent or broken setting', () => {
    expect(parsePluginConfigs(undefined)).toEqual({ plugins: [], invalid: [] });
    expect(parsePluginConfigs('a: [').invalid).toHaveLength(1);
  });
});
