// `del(<expression>)` for ignoreDifferences.jqPathExpressions, compiled once per rule.
import { DiffError } from '../errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import type { JqNode } from './ast';
import { compareJson, JqEvaluator, type PathKey } from './evaluate';
import { parseJq } from './parser';

export { parseJq } from './parser';
export { JqEvaluator, type JqOutput, type PathKey } from './evaluate';

/** Default evaluation budget; a typical expression over a Deployment uses well under 1,000. */
export const DEFAULT_JQ_STEP_LIMIT = 200_000;

const SUPPORTED_FUNCTIONS = new Set([
  'select/1',
  'empty/0',
  'not/0',
  'length/0',
  'type/0',
  'has/1',
  'startswith/1',
  'endswith/1',
  'test/1',
  'test/2',
  'contains/1',
  'ascii_downcase/0',
  'ascii_upcase/0',
  'tostring/0',
  'keys/0',
  'recurse/0',
]);

function checkFunctions(node: JqNode, source: string): void {
  const children: JqNode[] = [];
  switch (node.type) {
    case 'call':
      if (!SUPPORTED_FUNCTIONS.has(`${node.name}/${node.args.length}`)) {
        throw new DiffError(
          'DIFF_JQ_UNSUPPORTED',
          `function ${node.name}/${node.args.length} in "${source}" is not supported; supported: ${[...SUPPORTED_FUNCTIONS].join(', ')}`,
        );
      }
      children.push(...node.args);
      break;
    case 'field':
    case 'iterate':
      children.push(node.target);
      break;
    case 'index':
      children.push(node.target, node.index);
      break;
    case 'optional':
      children.push(node.body);
      break;
    case 'pipe':
    case 'comma':
    case 'alternative':
    case 'and':
    case 'or':
    case 'compare':
      children.push(node.left, node.right);
      break;
    default:
      break;
  }
  for (const child of children) checkFunctions(child, source);
}

function deleteAt(value: JsonValue, path: readonly PathKey[], depth: number): JsonValue {
  const key = path[depth] as PathKey;
  const last = depth === path.length - 1;
  if (Array.isArray(value) && typeof key === 'number') {
    if (key < 0 || key >= value.length) return value;
    const copy = value.slice();
    if (last) copy.splice(key, 1);
    else copy[key] = deleteAt(value[key] as JsonValue, path, depth + 1);
    return copy;
  }
  if (isJsonObject(value) && typeof key === 'string' && key in value) {
    const copy: JsonObject = { ...value };
    if (last) delete copy[key];
    else copy[key] = deleteAt(value[key] as JsonValue, path, depth + 1);
    return copy;
  }
  return value;
}

export type JqDeletion = (document: JsonObject) => JsonObject;
export type JqPaths = (document: JsonObject) => PathKey[][];

/** Compiles `path(expression)`: the paths an ignore rule names in a document. */
export function compileJqPaths(expression: string, stepLimit = DEFAULT_JQ_STEP_LIMIT): JqPaths {
  const program = parseJq(expression);
  checkFunctions(program, expression);
  return (document) => {
    const outputs = new JqEvaluator(stepLimit, expression).run(program, { value: document, path: [] });
    const paths: PathKey[][] = [];
    for (const output of outputs) {
      if (output.path === null) {
        throw new DiffError(
          'DIFF_JQ_RUNTIME',
          `"${expression}" is not a path expression (it produced ${JSON.stringify(output.value)})`,
        );
      }
      paths.push(output.path);
    }
    return paths;
  };
}

/**
 * Compiles `del(expression)`. Syntax and unsupported features fail here (DIFF_JQ_SYNTAX,
 * DIFF_JQ_UNSUPPORTED); evaluation errors and the step budget fail when the deletion runs.
 */
export function compileJqDeletion(expression: string, stepLimit = DEFAULT_JQ_STEP_LIMIT): JqDeletion {
  const pathsOf = compileJqPaths(expression, stepLimit);
  return (document) => {
    const paths = pathsOf(document);
    // Delete the greatest paths first so array indexes named by the others stay valid (as jq's delpaths).
    paths.sort((left, right) => compareJson(right, left));
    let result: JsonValue = document;
    for (const path of paths) {
      result = path.length === 0 ? null : deleteAt(result, path, 0);
    }
    return isJsonObject(result) ? result : {};
  };
}
