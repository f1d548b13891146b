// RFC 6901 JSON pointers, used by `ignoreDifferences.jsonPointers` as JSON-patch `remove` operations.
import { DiffError } from './errors';
import { isJsonObject, type JsonObject, type JsonValue } from './json';

export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new DiffError('DIFF_INVALID_JSON_POINTER', `"${pointer}" must be empty or start with "/" (RFC 6901)`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function removeAt(value: JsonValue, tokens: readonly string[], depth: number): JsonValue {
  const token = tokens[depth] as string;
  const last = depth === tokens.length - 1;
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(token)) return value;
    const index = Number(token);
    if (index >= value.length) return value;
    const copy = value.slice();
    if (last) copy.splice(index, 1);
    else copy[index] = removeAt(value[index] as JsonValue, tokens, depth + 1);
    return copy;
  }
  if (!isJsonObject(value) || !(token in value)) return value;
  const copy: JsonObject = { ...value };
  if (last) delete copy[token];
  else copy[token] = removeAt(value[token] as JsonValue, tokens, depth + 1);
  return copy;
}

/**
 * Copy of `document` without the value at `tokens`; a path that does not exist leaves the document
 * unchanged (Argo CD ignores the patch's "nonexistent key" error the same way).
 */
export function removePointer(document: JsonObject, tokens: readonly string[]): JsonObject {
  if (tokens.length === 0) return document;
  return removeAt(document, tokens, 0) as JsonObject;
}
