// A rendered YAML/JSON stream → Kubernetes objects, as Argo CD's
// kube.SplitYAML and GenerateManifests read it: empty documents are dropped,
// order is kept, and an object with an `items` list (a `List`) is expanded.
// Timestamps stay strings (Go's YAML-to-JSON keeps them as text); merge keys
// are honoured. For a tool's output (helm template, a plugin's generate);
// files read from a repository go through yaml-documents instead.
import * as jsYaml from 'js-yaml';
import { CORE_SCHEMA, loadAll, type Type, YAMLException } from 'js-yaml';
import { type KubeObject } from '@driftless/plugin-sdk';

// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const { merge } = (jsYaml as unknown as { types: { merge: Type } }).types;
const schema = CORE_SCHEMA.extend({ implicit: [merge] });

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toKubeObject(value: Record<string, unknown>, where: string): KubeObject {
  if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || value.kind === '')
    throw new ManifestError(`${where} has no apiVersion or kind`);
  if (value.metadata === undefined || value.metadata === null) return { ...value, metadata: {} } as KubeObject;
  if (!isObject(value.metadata)) throw new ManifestError(`${where} has a metadata that is not an object`);
  return value as KubeObject;
}

/** `what` names the output in messages (e.g. `helm template output`). Content never appears in them. */
export function parseManifests(text: string, what: string): KubeObject[] {
  let documents: unknown[];
  try {
    documents = loadAll(text, null, { schema, json: true });
  } catch (error) {
    const reason = error instanceof YAMLException ? (error.reason ?? 'invalid YAML') : 'invalid YAML';
    const line = error instanceof YAMLException ? ` at line ${error.mark.line + 1}` : '';
    throw new ManifestError(`${what} is not valid YAML${line}: ${reason}`);
  }
  const objects: KubeObject[] = [];
  documents.forEach((document, index) => {
    if (document === null || document === undefined) return;
    const where = `${what}, document ${index + 1},`;
    if (!isObject(document)) throw new ManifestError(`${where} is not an object`);
    if (Array.isArray(document.items)) {
      document.items.forEach((item, itemIndex) => {
        if (!isObject(item)) throw new ManifestError(`${where} item ${itemIndex + 1} is not an object`);
        objects.push(toKubeObject(item, `${where} item ${itemIndex + 1}`));
      });
      return;
    }
    // A `…List` whose items are null is an empty list (Argo CD's isNullList).
    if (typeof document.kind === 'string' && document.kind.endsWith('List') && document.items === null) return;
    objects.push(toKubeObject(document, where));
  });
  return objects;
}
