import { parse } from 'yaml';
import { parseResourceCustomizations, toOverrideKey } from './customizations';
import { LuaCustomizations } from './lua-customizations';
import { restoreEmptyMaps } from './action-script';
import { globMatch } from './glob';
import { formatLuaNumber } from './number-format';

const healthy = 'return {status = "Healthy", message = "from %s"}';
const script = (origin: string) => healthy.replace('%s', origin);

describe('argocd-cm resource customizations', () => {
  it('reads the per-key form, turning group_Kind into group/Kind', () => {
    const { overrides, warnings } = parseResourceCustomizations({
      'resource.customizations.health.argoproj.io_Application': script('app'),
      'resource.customizations.useOpenLibs.argoproj.io_Application': 'true',
      'resource.customizations.health.ConfigMap': script('cm'),
      'resource.customizations.ignoreDifferences.apps_Deployment': 'jsonPointers: [/spec/replicas]',
      'resource.customizations.useOpenLibs.ConfigMap': 'maybe',
    });
    expect([...overrides.keys()].sort()).toEqual(['ConfigMap', 'argoproj.io/Application']);
    expect(overrides.get('argoproj.io/Application')).toEqual({ healthLua: script('app'), useOpenLibs: true });
    expect(warnings).toEqual([
      'resource.customizations.useOpenLibs.ConfigMap: "maybe" is not a boolean; useOpenLibs stays off',
    ]);
  });

  it('reads the older resource.customizations block, with per-key entries winning', () => {
    const data = {
      'resource.customizations': [
        'apps/Deployment:',
        '  health.lua: |',
        '    return {status = "Degraded"}',
        '  health.lua.useOpenLibs: true',
        'cert-manager.io/Certificate:',
        '  health.lua: |',
        '    return {status = "Suspended"}',
      ].join('\n'),
      'resource.customizations.health.cert-manager.io_Certificate': script('per-key'),
    };
    const { overrides } = parseResourceCustomizations(data);
    expect(overrides.get('apps/Deployment')).toEqual({
      healthLua: 'return {status = "Degraded"}\n',
      useOpenLibs: true,
    });
    expect(overrides.get('cert-manager.io/Certificate')?.healthLua).toBe(script('per-key'));
  });

  it('parses actions with discovery and definitions', () => {
    const actions = [
      'discovery.lua: |',
      '  return {restart = {}}',
      'definitions:',
      '- name: restart',
      '  action.lua: |',
      '    return obj',
      'mergeBuiltinActions: true',
    ].join('\n');
    const { overrides } = parseResourceCustomizations({ 'resource.customizations.actions.apps_Deployment': actions });
    expect(overrides.get('apps/Deployment')?.actions).toEqual({
      discoveryLua: 'return {restart = {}}\n',
      definitions: [{ name: 'restart', actionLua: 'return obj\n' }],
      mergeBuiltinActions: true,
    });
    const broken = parseResourceCustomizations({ 'resource.customizations.actions.apps_Deployment': 'a: [' });
    expect(broken.overrides.get('apps/Deployment')?.actions).toEqual({
      error: expect.stringMatching(/^resource.customizations.actions.apps_Deployment: not valid YAML/) as unknown,
    });
  });

  it('keys core kinds by kind alone', () => {
    expect(toOverrideKey('ConfigMap')).toBe('ConfigMap');
    expect(toOverrideKey('*.aws.crossplane.io_*')).toBe('*.aws.crossplane.io/*');
  });
});

describe('health script lookup', () => {
  const configMap = parse(
    `
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm}
data:
  resource.customizations.health.ec2.aws.crossplane.io_Instance: |
    return {status = "Healthy", message = "exact"}
  resource.customizations.health.'*.aws.crossplane.io_*': |
    return {status = "Progressing", message = "wildcard"}
  resource.customizations.health.'*.crossplane.io_*': |
    return {status = "Degraded", message = "broader wildcard"}
`.replace(/'/g, ''),
  );
  const { customizations } = LuaCustomizations.fromConfigMap(configMap);
  const objectOf = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x' } });

  it('prefers the exact key, then the first matching glob in sorted order', () => {
    expect(customizations.assessHealth(objectOf('ec2.aws.crossplane.io/v1', 'Instance'))).toEqual({
      status: 'Healthy',
      message: 'exact',
    });
    expect(customizations.assessHealth(objectOf('s3.aws.crossplane.io/v1', 'Bucket'))).toEqual({
      status: 'Progressing',
      message: 'wildcard',
    });
    expect(customizations.assessHealth(objectOf('gcp.crossplane.io/v1', 'Network'))).toEqual({
      status: 'Degraded',
      message: 'broader wildcard',
    });
    expect(customizations.assessHealth(objectOf('apps/v1', 'Deployment'))).toBeUndefined();
  });

  it('turns a broken override into Unknown with the cause and goes on', () => {
    const broken = new LuaCustomizations(
      new Map([
        ['example.com/Loop', { healthLua: 'while true do end', useOpenLibs: false }],
        ['example.com/Syntax', { healthLua: 'return {', useOpenLibs: false }],
        ['example.com/Fine', { healthLua: 'return {status = "Healthy"}', useOpenLibs: false }],
      ]),
      { maxInstructions: 100_000 },
    );
    const results = ['Loop', 'Syntax', 'Fine', 'Loop', 'Fine'].map((kind) =>
      broken.assessHealth(objectOf('example.com/v1', kind)),
    );
    expect(results).toEqual([
      { status: 'Unknown', message: 'Lua script exceeded its budget of 100000 instructions (endless loop?)' },
      { status: 'Unknown', message: '<string>:1: unexpected symbol near <eof>' },
      { status: 'Healthy' },
      { status: 'Unknown', message: 'Lua script exceeded its budget of 100000 instructions (endless loop?)' },
      { status: 'Healthy' },
    ]);
  });
});

describe('glob', () => {
  it.each([
    ['*.aws.crossplane.io/*', 'ec2.aws.crossplane.io/Instance', true],
    ['*.aws.crossplane.io/*', 'aws.crossplane.io/Instance', false],
    ['operator.victoriametrics.com/*', 'operator.victoriametrics.com/VMAgent', true],
    ['apps/Deploy?ent', 'apps/Deployment', true],
    ['{apps,extensions}/Deployment', 'extensions/Deployment', true],
    ['[a-c]pps/Deployment', 'apps/Deployment', true],
    ['[!a]pps/Deployment', 'apps/Deployment', false],
    ['cert-manager.io/Certificate', 'cert-manager.io/Certificate', true],
    ['cert-manager.io/Certificate', 'cert-manager.io/CertificateRequest', false],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});

describe('number formatting', () => {
  it.each([
    [3, '3'],
    [-0, '0'],
    [0.5, '0.5'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [2 ** 53 + 2, '9007199254740994'],
    [1e21, '1e+21'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%p prints as %s', (value, expected) => {
    expect(formatLuaNumber(value)).toBe(expected);
  });
});

describe('restoreEmptyMaps', () => {
  it('turns empty arrays back into the maps they were', () => {
    const original = { spec: { selector: {}, list: [{ a: {} }], items: [] }, status: {} };
    const updated = { spec: { selector: [], list: [{ a: [] }], items: [] }, status: [] };
    expect(restoreEmptyMaps(updated, original)).toEqual(original);
  });
});
