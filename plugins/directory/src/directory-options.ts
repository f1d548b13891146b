// The Application source's `directory` block (ApplicationSourceDirectory),
// checked and with Argo CD's defaults.
export interface JsonnetVariable {
  name: string;
  value: string;
  code: boolean;
}

export interface DirectoryOptions {
  recurse: boolean;
  include: string;
  exclude: string;
  jsonnet: { tlas: JsonnetVariable[]; extVars: JsonnetVariable[]; libs: string[] };
}

function fail(field: string, expected: string): never {
  throw new Error(`directory.${field} must be ${expected}`);
}

function text(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(field, 'a string');
  return value;
}

function variables(value: unknown, field: string): JsonnetVariable[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, 'a list of {name, value, code}');
  return value.map((entry: unknown, index) => {
    if (entry === null || typeof entry !== 'object') fail(`${field}[${index}]`, 'an object with name, value and code');
    const { name, value: variableValue, code } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') fail(`${field}[${index}].name`, 'a non-empty string');
    if (code !== undefined && code !== null && typeof code !== 'boolean') fail(`${field}[${index}].code`, 'a boolean');
    return { name, value: text(variableValue, `${field}[${index}].value`), code: code === true };
  });
}

export function directoryOptions(options: Record<string, unknown>): DirectoryOptions {
  const { recurse, include, exclude, jsonnet } = options;
  if (recurse !== undefined && recurse !== null && typeof recurse !== 'boolean') fail('recurse', 'a boolean');
  if (jsonnet !== undefined && jsonnet !== null && (typeof jsonnet !== 'object' || Array.isArray(jsonnet)))
    fail('jsonnet', 'an object');
  const { tlas, extVars, libs } = (jsonnet ?? {}) as Record<string, unknown>;
  if (libs !== undefined && libs !== null && (!Array.isArray(libs) || libs.some((lib) => typeof lib !== 'string')))
    fail('jsonnet.libs', 'a list of strings');
  return {
    recurse: recurse === true,
    include: text(include, 'include'),
    exclude: text(exclude, 'exclude'),
    jsonnet: {
      tlas: variables(tlas, 'jsonnet.tlas'),
      extVars: variables(extVars, 'jsonnet.extVars'),
      libs: (libs as string[] | undefined | null) ?? [],
    },
  };
}
