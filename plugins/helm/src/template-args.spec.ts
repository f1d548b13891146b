import { cleanSetValue, kubeVersionForHelm, templateArgs, type TemplatePlan } from './template-args';

const plan: TemplatePlan = {
  releaseName: 'web',
  chartPath: 'charts/web',
  namespace: 'prod',
  kubeVersion: '1.31.0',
  apiVersions: ['apps/v1', 'monitoring.coreos.com/v1'],
  valueFiles: ['charts/web/values-prod.yaml'],
  inlineValuesFile: '.driftless-helm-x/values.yaml',
  set: new Map([['replicas', '3']]),
  setString: new Map([['tag', '1.0']]),
  setFile: new Map([['config', 'charts/web/config.txt']]),
  skipCrds: false,
  skipSchemaValidation: false,
  skipTests: false,
};

describe('templateArgs', () => {
  it('builds Argo CD’s helm template command line', () => {
    expect(templateArgs(plan)).toEqual([
      'template', 'web', 'charts/web',
      '--namespace', 'prod',
      '--kube-version', '1.31.0',
      '--set', 'replicas=3',
      '--set-string', 'tag=1.0',
      '--set-file', 'config=charts/web/config.txt',
      '--values', 'charts/web/values-prod.yaml',
      '--values', '.driftless-helm-x/values.yaml',
      '--api-versions', 'apps/v1',
      '--api-versions', 'monitoring.coreos.com/v1',
      '--include-crds',
    ]); // prettier-ignore
  });

  it('leaves out empty namespace and kube version, and maps the skip flags', () => {
    const args = templateArgs({
      ...plan,
      namespace: '',
      kubeVersion: '',
      skipCrds: true,
      skipSchemaValidation: true,
      skipTests: true,
    });
    expect(args).not.toContain('--namespace');
    expect(args).not.toContain('--kube-version');
    expect(args).not.toContain('--include-crds');
    expect(args.slice(-2)).toEqual(['--skip-schema-validation', '--skip-tests']);
  });
});

describe('cleanSetValue', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a\\,b', 'a\\,b'],
    [',,', '\\,\\,'],
    ['{a,b}', '{a,b}'],
    ['plain', 'plain'],
  ])('%s → %s', (input, expected) => {
    expect(cleanSetValue(input)).toBe(expected);
  });
});

describe('kubeVersionForHelm', () => {
  it.each([
    ['1.31.0', '1.31.0'],
    ['v1.31.2-eks-1234', '1.31.2'],
    ['v1.29', '1.29'],
    ['1.031.0+k3s1', '1.31.0'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(kubeVersionForHelm(input)).toBe(expected);
  });

  it('refuses what is not a version', () => {
    expect(() => kubeVersionForHelm('latest')).toThrow(/not a version/);
  });
});
