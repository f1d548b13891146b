// Re-validation of what a plugin returns against its contract. Output is
// untrusted: each check says what is wrong and where.
import { healthStatuses } from '../contracts/health';
import { type ExtensionPoint } from '../contracts/extension-points';
import { PluginError } from '../errors';

type Check = (output: unknown, input: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isKubeObject = (value: unknown): boolean =>
  isObject(value) && isString(value.apiVersion) && isString(value.kind) && isObject(value.metadata);

function arrayOf(value: unknown, name: string, check: (item: unknown) => boolean, what: string): string | undefined {
  if (!Array.isArray(value)) return `${name} must be an array`;
  const bad = value.findIndex((item) => !check(item));
  return bad >= 0 ? `${name}[${bad}] must be ${what}` : undefined;
}

const maxMessageLength = 4_096;

const checks: Record<ExtensionPoint, Record<string, Check>> = {
  health: {
    assess: (output, input) => {
      if (!isObject(output)) return 'must return { results: [...] }';
      const expected = isObject(input) && Array.isArray(input.objects) ? input.objects.length : -1;
      const problem = arrayOf(
        output.results,
        'results',
        (item) =>
          item === null ||
          (isObject(item) &&
            (healthStatuses as readonly unknown[]).includes(item.status) &&
            (item.message === undefined || (isString(item.message) && item.message.length <= maxMessageLength))),
        `null or { status: ${healthStatuses.join('|')}, message?: string (≤ ${maxMessageLength} characters) }`,
      );
      if (problem) return problem;
      const length = (output.results as unknown[]).length;
      return length === expected ? undefined : `results has ${length} entries for ${expected} objects`;
    },
  },
  notifier: {
    deliver: (output) =>
      isObject(output) &&
      typeof output.delivered === 'boolean' &&
      (output.detail === undefined || isString(output.detail))
        ? undefined
        : 'must return { delivered: boolean, detail?: string }',
  },
  source: {
    resolveRevision: (output) =>
      isObject(output) && isString(output.revision) && output.revision.length > 0
        ? undefined
        : 'must return { revision: string }',
  },
  renderer: {
    render: (output) =>
      isObject(output)
        ? arrayOf(output.manifests, 'manifests', isKubeObject, 'a Kubernetes object')
        : 'must return { manifests: [...] }',
    detect: (output) =>
      isObject(output) && typeof output.matches === 'boolean' && (output.name === undefined || isString(output.name))
        ? undefined
        : 'must return { matches: boolean, name?: string }',
    postRender: (output) =>
      isObject(output)
        ? arrayOf(output.manifests, 'manifests', isKubeObject, 'a Kubernetes object')
        : 'must return { manifests: [...] }',
  },
  generator: {
    generate: (output) =>
      isObject(output)
        ? arrayOf(output.parameters, 'parameters', isObject, 'an object')
        : 'must return { parameters: [...] }',
  },
  imageStrategy: {
    choose: (output) =>
      isObject(output) && (output.tag === null || isString(output.tag))
        ? undefined
        : 'must return { tag: string | null }',
  },
  action: {
    list: (output) =>
      isObject(output)
        ? arrayOf(
            output.actions,
            'actions',
            (item) => isObject(item) && isString(item.name),
            '{ name: string, disabled?: boolean }',
          )
        : 'must return { actions: [...] }',
    run: (output) =>
      isObject(output)
        ? arrayOf(
            output.impacted,
            'impacted',
            (item) =>
              isObject(item) &&
              (item.operation === 'patch' || item.operation === 'create') &&
              isKubeObject(item.object),
            "{ operation: 'patch' | 'create', object: <Kubernetes object> }",
          )
        : 'must return { impacted: [...] }',
  },
};

export function validateOutput(
  point: ExtensionPoint,
  method: string,
  output: unknown,
  input: unknown,
  plugin: string,
): void {
  const check = checks[point][method];
  const problem = check ? check(output, input) : `${point} has no method ${method}`;
  if (problem) throw new PluginError('PLUGIN_INVALID_OUTPUT', `${point}.${method} ${problem}`, plugin);
}
