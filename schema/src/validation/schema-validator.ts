/** Checks a resource against its CRD schema with ajv; each schema is compiled once, on first use. */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { crdManifests } from '../crd-files';
import type { CustomResourceDefinition } from '../crd/crd-definitions';
import { crdToJsonSchema, type JsonSchema } from './crd-json-schema';
import { describeSchemaError, type RawIssue } from './schema-messages';

interface Entry {
  schema: JsonSchema;
  validate?: ValidateFunction;
}

let ajv: Ajv | undefined;
let entries: Map<string, Entry> | undefined;

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(instance, ['date-time']);
  // Ranges only: a non-integer already fails `type: integer`, which says so more plainly.
  instance.addFormat('int32', {
    type: 'number',
    validate: (value) => !Number.isInteger(value) || (value >= -(2 ** 31) && value < 2 ** 31),
  });
  instance.addFormat('int64', {
    type: 'number',
    validate: (value) => !Number.isInteger(value) || Number.isSafeInteger(value),
  });
  return instance;
}

/** `<group>/<version>/<kind>` → schema, for every version of every CRD in schema/crds (read once). */
function schemaEntries(): Map<string, Entry> {
  if (entries !== undefined) return entries;
  entries = new Map();
  for (const manifest of crdManifests() as CustomResourceDefinition[]) {
    for (const version of manifest.spec.versions) {
      const key = `${manifest.spec.group}/${version.name}/${manifest.spec.names.kind}`;
      entries.set(key, { schema: crdToJsonSchema(version.schema.openAPIV3Schema) });
    }
  }
  return entries;
}

/** The kinds schema/crds defines, as `apiVersion` → kinds. */
export function knownKinds(): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  for (const key of schemaEntries().keys()) {
    const [group, version, kind] = key.split('/') as [string, string, string];
    const apiVersion = `${group}/${version}`;
    kinds.set(apiVersion, [...(kinds.get(apiVersion) ?? []), kind]);
  }
  return kinds;
}

/**
 * Issues for `resource` against the CRD of `apiVersion`/`kind`, or undefined when no CRD defines it.
 * Each kind's schema is compiled the first time it is needed (the ApplicationSet one takes ~1 s).
 */
export function checkAgainstCrd(apiVersion: string, kind: string, resource: unknown): RawIssue[] | undefined {
  const entry = schemaEntries().get(`${apiVersion}/${kind}`);
  if (entry === undefined) return undefined;
  ajv ??= createAjv();
  entry.validate ??= ajv.compile(entry.schema);
  if (entry.validate(resource)) return [];
  return (entry.validate.errors ?? []).map((error) => describeSchemaError(error, resource));
}
