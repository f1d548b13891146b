import { PluginError } from '../errors';
import { validateOutput } from './output-validation';
import { parsePluginJson } from './plugin-json';

const input = { objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }] };

function problem(work: () => void): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof PluginError ? `${error.code} ${error.reason}` : String(error);
  }
  return undefined;
}

describe('validateOutput', () => {
  it('accepts what the contract promises', () => {
    expect(
      problem(() => validateOutput('health', 'assess', { results: [{ status: 'Healthy' }] }, input, 'p@1')),
    ).toBeUndefined();
    expect(problem(() => validateOutput('notifier', 'deliver', { delivered: true }, {}, 'p@1'))).toBeUndefined();
    // null: the object has no health of its own (Argo CD's nil).
    expect(problem(() => validateOutput('health', 'assess', { results: [null] }, input, 'p@1'))).toBeUndefined();
    expect(problem(() => validateOutput('imageStrategy', 'choose', { tag: null }, {}, 'p@1'))).toBeUndefined();
  });

  it.each([
    ['health', 'assess', { results: [{ status: 'Fine' }] }, 'results[0] must be'],
    ['health', 'assess', { results: [] }, 'results has 0 entries for 1 objects'],
    ['health', 'assess', null, 'must return { results: [...] }'],
    ['notifier', 'deliver', { delivered: 'yes' }, 'delivered: boolean'],
    ['renderer', 'render', { manifests: [{ kind: 'Pod' }] }, 'manifests[0] must be a Kubernetes object'],
    ['action', 'run', { impacted: [{ operation: 'delete', object: {} }] }, 'impacted[0] must be'],
    ['action', 'run', { object: 'x' }, 'impacted'],
    ['generator', 'generate', { parameters: [1] }, 'parameters[0] must be an object'],
    ['source', 'resolveRevision', { revision: '' }, 'revision: string'],
  ] as const)('%s.%s refuses %j', (point, method, output, expected) => {
    expect(problem(() => validateOutput(point, method, output, input, 'p@1'))).toContain(
      `PLUGIN_INVALID_OUTPUT ${point}.${method}`,
    );
    expect(problem(() => validateOutput(point, method, output, input, 'p@1'))).toContain(expected);
  });
});

describe('parsePluginJson', () => {
  it('refuses __proto__ keys at any depth', () => {
    expect(problem(() => parsePluginJson('{"a":{"b":[{"__proto__":{"x":1}}]}}', 'p@1', 'assess'))).toBe(
      'PLUGIN_INVALID_OUTPUT assess returned a "__proto__" key',
    );
    expect(parsePluginJson('{"constructor":1}', 'p@1', 'assess')).toEqual({ constructor: 1 });
  });
});
