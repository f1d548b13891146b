// Syntax tree of the jq subset that ignoreDifferences path expressions use.
import type { JsonValue } from '../json';

export type JqNode =
  | { type: 'identity' }
  | { type: 'recurse' }
  | { type: 'literal'; value: JsonValue }
  | { type: 'field'; target: JqNode; name: string }
  | { type: 'index'; target: JqNode; index: JqNode }
  | { type: 'iterate'; target: JqNode }
  | { type: 'optional'; body: JqNode }
  | { type: 'pipe'; left: JqNode; right: JqNode }
  | { type: 'comma'; left: JqNode; right: JqNode }
  | { type: 'alternative'; left: JqNode; right: JqNode }
  | { type: 'and' | 'or'; left: JqNode; right: JqNode }
  | { type: 'compare'; operator: '==' | '!=' | '<' | '<=' | '>' | '>='; left: JqNode; right: JqNode }
  | { type: 'call'; name: string; args: JqNode[] };
