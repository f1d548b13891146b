import { DiffError } from './errors';
import { compileDiffConfig, matchingIgnoreRules } from './settings';

function errorOf(work: () => unknown): DiffError {
  try {
    work();
  } catch (error) {
    if (error instanceof DiffError) return error;
    throw error;
  }
  throw new Error('expected a DiffError');
}

const web = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' };

describe('compileDiffConfig', () => {
  it('defaults: status ignored for all kinds, no rules, nothing masked but Secrets', () => {
    expect(compileDiffConfig()).toEqual({
      ignoreRules: [],
      knownTypeFields: [],
      ignoreResourceStatusField: 'all',
      ignoreAggregatedRoles: false,
      maskedAnnotations: [],
    });
  });

  it('turns argocd-cm keys into rules with Argo CD group/kind parsing', () => {
    const config = compileDiffConfig({
      argocdCm: {
        'resource.customizations.ignoreDifferences.admissionregistration.k8s.io_MutatingWebhookConfiguration':
          'jqPathExpressions: [".webhooks[]?.clientConfig.caBundle"]',
        'resource.customizations.ignoreDifferences.Service': 'jsonPointers: [/spec/clusterIP]',
        'resource.customizations.ignoreDifferences.all': 'managedFieldsManagers: [kube-controller-manager]',
        'resource.customizations.health.apps_Deployment': 'not an ignore rule',
        'resource.compareoptions': 'ignoreResourceStatusField: crd\nignoreAggregatedRoles: true',
        'resource.sensitive.mask.annotations': 'a, b ,,c',
      },
    });
    expect(config.ignoreRules.map((rule) => [rule.group, rule.kind])).toEqual([
      ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration'],
      ['', 'Service'],
      ['*', '*'],
    ]);
    expect(config.ignoreResourceStatusField).toBe('crd');
    expect(config.ignoreAggregatedRoles).toBe(true);
    expect(config.maskedAnnotations).toEqual(['a', 'b', 'c']);
    expect(matchingIgnoreRules(config, web).map((rule) => rule.source)).toEqual([
      'argocd-cm resource.customizations.ignoreDifferences.all',
    ]);
    expect(matchingIgnoreRules(config, { ...web, group: '', kind: 'Service' })).toHaveLength(2);
  });

  it('matches app rules by name and namespace exactly', () => {
    const config = compileDiffConfig({
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'shop', jsonPointers: ['/a'] },
        { group: 'apps', kind: 'Deployment', name: 'we', jsonPointers: ['/b'] },
        { group: 'apps', kind: 'Deployment', namespace: 'other', jsonPointers: ['/c'] },
        { kind: 'Deployment', jsonPointers: ['/d'] },
      ],
    });
    expect(matchingIgnoreRules(config, web).map((rule) => rule.source)).toEqual(['spec.ignoreDifferences[0]']);
  });

  it('names the rule and the problem in errors', () => {
    const pointer = errorOf(() =>
      compileDiffConfig({ ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] }),
    );
    expect(pointer.code).toBe('DIFF_INVALID_JSON_POINTER');
    expect(pointer.message).toContain('spec.ignoreDifferences[0]');
    const jq = errorOf(() =>
      compileDiffConfig({
        argocdCm: { 'resource.customizations.ignoreDifferences.all': 'jqPathExpressions: [".a | map(.b)"]' },
      }),
    );
    expect(jq.code).toBe('DIFF_JQ_UNSUPPORTED');
    expect(jq.message).toContain('resource.customizations.ignoreDifferences.all');
    const yaml = errorOf(() =>
      compileDiffConfig({ argocdCm: { 'resource.customizations.ignoreDifferences.all': 'jsonPointers: [' } }),
    );
    expect(yaml.code).toBe('DIFF_INVALID_SETTINGS');
    const shape = errorOf(() =>
      compileDiffConfig({ argocdCm: { 'resource.customizations.ignoreDifferences.all': 'jsonPointers: /a' } }),
    );
    expect(shape.message).toContain('jsonPointers must be a list of strings');
    const status = errorOf(() =>
      compileDiffConfig({ argocdCm: { 'resource.compareoptions': 'ignoreResourceStatusField: some' } }),
    );
    expect(status.code).toBe('DIFF_INVALID_SETTINGS');
  });

  it('reads knownTypeFields from per-kind keys and the legacy block, and rejects unknown types', () => {
    const config = compileDiffConfig({
      argocdCm: {
        'resource.customizations.knownTypeFields.argoproj.io_Rollout':
          '- {field: spec.template.spec, type: core/v1/PodSpec}',
        'resource.customizations':
          'batch/CronJob:\n  knownTypeFields:\n  - {field: spec.timeout, type: meta/v1/Duration}\n',
      },
    });
    expect(config.knownTypeFields).toEqual([
      { group: 'argoproj.io', kind: 'Rollout', field: ['spec', 'template', 'spec'], type: 'core/v1/PodSpec' },
      { group: 'batch', kind: 'CronJob', field: ['spec', 'timeout'], type: 'meta/v1/Duration' },
    ]);
    const bad = errorOf(() =>
      compileDiffConfig({
        argocdCm: { 'resource.customizations.knownTypeFields.example.com_X': '- {field: spec.a, type: apps/v1/Thing}' },
      }),
    );
    expect(bad.code).toBe('DIFF_INVALID_SETTINGS');
    expect(bad.message).toContain('apps/v1/Thing');
  });
});
