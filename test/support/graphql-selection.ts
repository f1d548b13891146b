// Selection sets built from the running server's schema (introspection): every
// field a type offers, to a depth, so a test reading "everything the API
// shows" keeps up with the schema by itself. Fields that need arguments are
// left out; lists and objects are followed.
import { postGraphql } from './graphql';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface FieldInfo {
  name: string;
  args: Array<{ type: TypeRef; defaultValue: string | null }>;
  type: TypeRef;
}

interface TypeInfo {
  name: string;
  kind: string;
  fields: FieldInfo[] | null;
}

const INTROSPECTION = `{ __schema { types { name kind fields { name
  args { defaultValue type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
  type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;

export type SelectionBuilder = (typeName: string, depth: number) => string;

export async function selectionBuilder(baseUrl: string, token: string): Promise<SelectionBuilder> {
  const { body } = await postGraphql<{ __schema: { types: TypeInfo[] } }>(baseUrl, INTROSPECTION, {}, { token });
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
  const types = new Map(body.data.__schema.types.map((type) => [type.name, type]));
  const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
  const build = (typeName: string, depth: number): string => {
    const type = types.get(typeName);
    if (!type?.fields) return '';
    const parts = type.fields.flatMap((field) => {
      if (field.args.some((arg) => arg.type.kind === 'NON_NULL' && arg.defaultValue === null)) return [];
      const target = named(field.type);
      if (target.kind === 'OBJECT' || target.kind === 'INTERFACE') {
        if (depth <= 1) return [];
        const inner = build(target.name ?? '', depth - 1);
        return inner ? [`${field.name} { ${inner} }`] : [];
      }
      return [field.name];
    });
    return parts.join(' ');
  };
  return build;
}
