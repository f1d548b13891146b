import { DiffError } from '../errors';
import type { JsonObject } from '../json';
import { compileJqDeletion } from './index';

/** Reads a nested value for assertions (keeps specs free of `any`). */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

const deployment: JsonObject = {
  metadata: { name: 'web', annotations: { 'example.com/a': 'x', keep: 'y' }, labels: { app: 'web' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'web:1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
      },
    },
  },
};

function del(expression: string, document: JsonObject = deployment): JsonObject {
  return compileJqDeletion(expression)(document);
}

function errorCode(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof DiffError ? error.code : `not a DiffError: ${String(error)}`;
  }
  return undefined;
}

describe('jq path expressions (del)', () => {
  it('deletes a field and leaves the input untouched', () => {
    const before = JSON.stringify(deployment);
    expect(del('.spec.replicas').spec).not.toHaveProperty('replicas');
    expect(JSON.stringify(deployment)).toBe(before);
  });

  it('supports quoted keys, bracket keys and indexes', () => {
    expect(del('.metadata.annotations."example.com/a"').metadata).toEqual({
      name: 'web',
      annotations: { keep: 'y' },
      labels: { app: 'web' },
    });
    expect(dig(del('.metadata.annotations["keep"]'), 'metadata', 'annotations')).toEqual({ 'example.com/a': 'x' });
    const containers = dig(del('.spec.template.spec.containers[1]'), 'spec', 'template', 'spec', 'containers');
    expect(containers).toEqual([dig(deployment, 'spec', 'template', 'spec', 'containers', 0)]);
    const last = dig(del('.spec.template.spec.containers[-1].image'), 'spec', 'template', 'spec', 'containers', 1);
    expect(last).toEqual({ name: 'istio-proxy' });
  });

  it('deletes through select with pipes, the way users ignore one container image', () => {
    const result = del('.spec.template.spec.containers[] | select(.name == "istio-proxy") | .image');
    expect(dig(result, 'spec', 'template', 'spec', 'containers', 1)).toEqual({ name: 'istio-proxy' });
    expect(dig(result, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('web:1');
  });

  it('deletes several array items, keeping indexes valid', () => {
    const result = del('.spec.template.spec.containers[0].env[] | select(.name == "A" or .name == "B")');
    expect(dig(result, 'spec', 'template', 'spec', 'containers', 0, 'env')).toEqual([]);
  });

  it('supports string functions, has, comma, alternative and not', () => {
    expect(dig(del('.metadata.missing // .metadata.labels'), 'metadata', 'labels')).toBeUndefined();
    expect(dig(del('.metadata.name // .metadata.labels'), 'metadata')).toEqual({
      annotations: { 'example.com/a': 'x', keep: 'y' },
      labels: { app: 'web' },
    });
    const byPrefix = del('.metadata.annotations[] | select(startswith("x"))');
    expect(dig(byPrefix, 'metadata', 'annotations')).toEqual({ keep: 'y' });
    const tested = del('.spec.template.spec.containers[] | select(.image | test("^proxy:")) | .image');
    expect(dig(tested, 'spec', 'template', 'spec', 'containers', 1)).toEqual({ name: 'istio-proxy' });
    const both = del('.spec.replicas, .metadata.labels');
    expect(dig(both, 'spec', 'replicas')).toBeUndefined();
    expect(dig(both, 'metadata', 'labels')).toBeUndefined();
    const withHas = del('.spec.template.spec.containers[] | select(has("env") | not)');
    expect(dig(withHas, 'spec', 'template', 'spec', 'containers')).toHaveLength(1);
  });

  it('`?` suppresses errors from iterating or indexing the wrong type', () => {
    expect(del('.webhooks[]?.clientConfig.caBundle', { webhooks: null })).toEqual({ webhooks: null });
    expect(errorCode(() => del('.webhooks[].clientConfig', { webhooks: null }))).toBe('DIFF_JQ_RUNTIME');
    expect(errorCode(() => del('.metadata.name.first'))).toBe('DIFF_JQ_RUNTIME');
    expect(del('.metadata.name.first?')).toEqual(deployment);
  });

  it('`..` visits every value', () => {
    const result = del('.. | select(type == "string" and . == "web")');
    expect(dig(result, 'metadata', 'name')).toBeUndefined();
    expect(dig(result, 'metadata', 'labels')).toEqual({});
    expect(dig(result, 'spec', 'template', 'spec', 'containers', 0, 'name')).toBeUndefined();
  });

  it('missing paths are a no-op', () => {
    expect(del('.spec.missing.deeper')).toEqual(deployment);
  });

  it('rejects syntax errors and unsupported features when compiled', () => {
    expect(errorCode(() => compileJqDeletion('.spec.'))).toBe('DIFF_JQ_SYNTAX');
    expect(errorCode(() => compileJqDeletion('.spec | '))).toBe('DIFF_JQ_SYNTAX');
    expect(errorCode(() => compileJqDeletion('.a[0'))).toBe('DIFF_JQ_SYNTAX');
    expect(errorCode(() => compileJqDeletion('$__loc__'))).toBe('DIFF_JQ_UNSUPPORTED');
    expect(errorCode(() => compileJqDeletion('.a | map(.b)'))).toBe('DIFF_JQ_UNSUPPORTED');
    expect(errorCode(() => compileJqDeletion('"\\(.a)"'))).toBe('DIFF_JQ_UNSUPPORTED');
  });

  it('rejects expressions that are not paths', () => {
    expect(errorCode(() => del('.spec.replicas == 3'))).toBe('DIFF_JQ_RUNTIME');
  });

  it('stops a runaway expression at the step budget instead of hanging', () => {
    const wide: JsonObject = { items: Array.from({ length: 200 }, (_, index) => ({ index, tags: ['a', 'b', 'c'] })) };
    const runaway = compileJqDeletion('.. | .. | .. | .. | select(. == "never")', 100_000);
    const started = Date.now();
    expect(errorCode(() => runaway(wide))).toBe('DIFF_JQ_STEP_LIMIT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
