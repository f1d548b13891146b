// YAML as Kubernetes reads it: a stream is cut into documents at `---` lines
// (k8s.io/apimachinery's YAMLReader), each document parsed on its own with
// YAML 1.1 booleans (`yes`, `on`, ...) and merge keys, timestamps kept as
// strings (goyaml.v2 into interface{}). js-yaml parses ~10× faster than
// `yaml` in the isolate (see README); it keeps aliases as shared references,
// so expansion is measured here and an alias bomb is refused before the
// result is ever copied out.
import { CORE_SCHEMA, load, Type } from 'js-yaml';

/** Limits a document must stay within; a breach throws YamlLimitError. */
export interface YamlLimits {
  /** Deepest nesting of maps and lists. */
  maxDepth: number;
  /** Nodes after alias expansion, beyond `aliasFactor` × distinct nodes + `aliasAllowance`. */
  aliasFactor: number;
  aliasAllowance: number;
}

export const defaultYamlLimits: YamlLimits = { maxDepth: 1_000, aliasFactor: 10, aliasAllowance: 100_000 };

export class YamlLimitError extends Error {}

const yaml11Bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) =>
    typeof data === 'string' &&
    /^(?:[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(data),
  construct: (data: string) => /^(?:[yY]|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(data),
  predicate: (object: unknown) => typeof object === 'boolean',
});

const mergeKey = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: unknown) => data === '<<' || data === null,
});

const kubernetesSchema = CORE_SCHEMA.extend({ implicit: [yaml11Bool, mergeKey] });

/** Splits a stream at separator lines; a `---` followed by text other than a comment is an error, as in Kubernetes. */
export function splitDocuments(text: string): string[] {
  const documents: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#'))
        throw new SyntaxError(`invalid YAML document separator: ${rest.slice(0, 80)}`);
      if (current.some((part) => part.trim() !== '')) documents.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.some((part) => part.trim() !== '')) documents.push(current.join('\n'));
  return documents;
}

/** Parses one document (no `---` inside); `null` for an empty one. */
export function parseDocument(text: string, limits: YamlLimits = defaultYamlLimits): unknown {
  let value: unknown;
  try {
    // js-yaml 4.3 stops at `maxDepth` itself (default 100, too shallow for some CRD schemas).
    const options = { schema: kubernetesSchema, json: true, maxDepth: limits.maxDepth };
    value = load(text, options);
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && /nesting exceeded maxDepth/.test(error.message)))
      throw new YamlLimitError(`it nests deeper than ${limits.maxDepth} levels`);
    throw error;
  }
  checkShape(value, limits);
  return value ?? null;
}

/**
 * Counts nodes as a JSON copy would see them (each alias expanded), in time
 * proportional to the distinct nodes; refuses cycles, depth and excessive aliasing.
 */
export function checkShape(value: unknown, limits: YamlLimits = defaultYamlLimits): void {
  const expanded = new Map<object, number>();
  const inProgress = new Set<object>();
  let distinct = 0;
  // Iterative post-order walk: the depth limit, not the JS stack, bounds nesting.
  const visit = (root: object): number => {
    const stack: { node: object; children: unknown[]; next: number; total: number }[] = [];
    const push = (node: object): void => {
      if (stack.length >= limits.maxDepth) throw new YamlLimitError(`it nests deeper than ${limits.maxDepth} levels`);
      inProgress.add(node);
      distinct += 1;
      stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0, total: 1 });
    };
    push(root);
    let result = 0;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next];
        frame.next += 1;
        if (child === null || typeof child !== 'object') {
          frame.total += 1;
          continue;
        }
        const known = expanded.get(child);
        if (known !== undefined) {
          frame.total += known;
          continue;
        }
        if (inProgress.has(child)) throw new YamlLimitError('it has an alias that refers to itself');
        push(child);
        continue;
      }
      stack.pop();
      inProgress.delete(frame.node);
      expanded.set(frame.node, frame.total);
      const parent = stack[stack.length - 1];
      if (parent) parent.total += frame.total;
      else result = frame.total;
      if (frame.total > limits.aliasFactor * distinct + limits.aliasAllowance)
        throw new YamlLimitError(`its aliases expand to more than ${limits.aliasFactor}× its size`);
    }
    return result;
  };
  if (value !== null && typeof value === 'object') visit(value);
}
