import { ApiError } from '../api/status';
import type { KubeObject } from './kube-object';
import { formatLabelSelector, labelSelectorMatches, parseFieldSelector, parseLabelSelector } from './selectors';

const object = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'n', namespace: 'ns', labels },
  ...extra,
});

describe('label selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app=web', { app: 'db' }, false],
    ['app!=web', { app: 'db' }, true],
    ['app!=web', {}, true],
    ['app in (web, db)', { app: 'db' }, true],
    ['app notin (web,db)', { app: 'db' }, false],
    ['app', { app: '' }, true],
    ['!app', { app: 'x' }, false],
    ['app=web,tier in (front),!legacy', { app: 'web', tier: 'front' }, true],
    ['', { anything: 'x' }, true],
  ])('%s on %j is %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(object(labels))).toBe(expected);
  });

  it('rejects malformed selectors with 400', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(ApiError);
  });

  it('matches LabelSelector objects and renders them as strings', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'old', operator: 'DoesNotExist' },
      ],
    };
    expect(labelSelectorMatches(selector, { app: 'web', tier: 'b' })).toBe(true);
    expect(labelSelectorMatches(selector, { app: 'web', tier: 'b', old: '1' })).toBe(false);
    expect(formatLabelSelector(selector)).toBe('app=web,tier in (a,b),!old');
  });
});

describe('field selectors', () => {
  it('compares metadata and nested fields', () => {
    expect(parseFieldSelector('metadata.name=n,metadata.namespace=ns')(object({}))).toBe(true);
    expect(parseFieldSelector('metadata.namespace!=ns')(object({}))).toBe(false);
    expect(parseFieldSelector('status.phase=Running')(object({}, { status: { phase: 'Running' } }))).toBe(true);
    expect(parseFieldSelector('spec.nodeName=')(object({}))).toBe(true);
  });
});
