// The objects in one .yaml/.yml/.json file, by Argo CD's rules for a
// Directory app:
// - a document is an object when it is a map with a non-empty `kind`;
//   empty documents are skipped;
// - a YAML file whose first document is not an object is someone else's
//   YAML (a Helm values file, a config) and is ignored, unless it looks like
//   a manifest (has `apiVersion:`, `kind:` and `metadata:`); any other bad
//   document is an error naming the file and the document;
// - a .json file holds one value; a JSON object without `kind` is ignored
//   (Argo CD lets OCI image manifests through this way).
import { type KubeObject } from '@driftless/plugin-sdk';
import {
  parseDocument,
  splitDocuments,
  YamlLimitError,
  type YamlLimits,
  defaultYamlLimits,
} from '@driftless/render-kit';

export class ManifestFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`failed to unmarshal "${file}": ${message}`);
  }
}

export function isKubeObject(value: unknown): value is KubeObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    (value as { kind: string }).kind !== ''
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 300);
}

function notAnObject(value: unknown): string {
  if (Array.isArray(value)) return 'it is a list, not a Kubernetes object';
  if (value === null || typeof value !== 'object') return `it is a ${typeof value}, not a Kubernetes object`;
  return "it is not a Kubernetes object: 'kind' is missing";
}

export function parseJsonManifest(file: string, text: string): KubeObject[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const again = /^\s*[[{]/.test(text) && text.trim().split(/\n(?=[[{])/).length > 1;
    throw new ManifestFileError(
      file,
      again ? 'found multiple objects; only single objects are allowed in JSON files' : firstLine(error),
    );
  }
  if (isKubeObject(value)) return [value];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return [];
  throw new ManifestFileError(file, notAnObject(value));
}

const looksLikeManifest = (text: string): boolean =>
  text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');

export function parseYamlManifests(file: string, text: string, limits: YamlLimits = defaultYamlLimits): KubeObject[] {
  // A stream that starts with `{` is JSON to Kubernetes' YAMLOrJSONDecoder.
  if (/^\s*\{/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      if (isKubeObject(value)) return [value];
    } catch {
      // Not one JSON value: read it as YAML below.
    }
  }
  let documents: string[];
  try {
    documents = splitDocuments(text);
  } catch (error) {
    throw new ManifestFileError(file, firstLine(error));
  }
  const objects: KubeObject[] = [];
  for (const [index, document] of documents.entries()) {
    let value: unknown;
    let problem: string | undefined;
    try {
      value = parseDocument(document, limits);
      if (value === null) continue;
      if (!isKubeObject(value)) problem = notAnObject(value);
    } catch (error) {
      if (error instanceof YamlLimitError) throw new ManifestFileError(file, `document ${index + 1}: ${error.message}`);
      problem = firstLine(error);
    }
    if (problem === undefined) {
      objects.push(value as KubeObject);
      continue;
    }
    if (objects.length === 0 && !looksLikeManifest(text)) return [];
    throw new ManifestFileError(file, `document ${index + 1}: ${problem}`);
  }
  return objects;
}
