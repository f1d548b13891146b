// `JSONObject`: a JSON object as a GraphQL value, for the Kubernetes-shaped
// parts of inputs (an Application's spec, label maps) whose shape the CRD
// schema checks after parsing. Nesting is capped so a hostile literal cannot
// recurse without bound.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const MAX_DEPTH = 32;

function invalid(message: string): GraphQLError {
  return new GraphQLError(`JSONObject: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

function checkDepth(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw invalid(`nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) for (const item of value) checkDepth(item, depth + 1);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value as Record<string, unknown>)) checkDepth(item, depth + 1);
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('expected a JSON object');
  checkDepth(value, 0);
  return value as Record<string, unknown>;
}

function literal(node: ValueNode, variables: Record<string, unknown> | null | undefined, depth: number): unknown {
  if (depth > MAX_DEPTH) throw invalid(`nested deeper than ${MAX_DEPTH} levels`);
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((item) => literal(item, variables, depth + 1));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literal(field.value, variables, depth + 1)]),
      );
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      throw invalid(`unsupported literal ${node.kind}`);
  }
}

export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description:
    'A JSON object (Kubernetes-shaped data such as an Application spec), checked against its schema by the field that takes it',
  serialize: (value) => asObject(value),
  parseValue: (value) => asObject(value),
  parseLiteral: (node, variables) => asObject(literal(node, variables, 0)),
});
