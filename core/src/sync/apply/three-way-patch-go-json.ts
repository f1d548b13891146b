// JSON text as Go's encoding/json writes a map[string]interface{}: keys sorted bytewise, `<`, `>`,
// `&`, U+2028 and U+2029 escaped, and — as json.Encoder does — a trailing newline. kubectl stores
// the last-applied configuration this way; writing the same bytes keeps the annotation unchanged
// when Argo CD or kubectl apply the same manifest after us.
import { isJsonObject, type JsonValue } from '@driftless/diff';

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function goJsonLine(value: JsonValue): string {
  return `${encode(value)}\n`;
}

function encode(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  if (isJsonObject(value)) {
    // Built by hand: a JS object would list integer-like keys ("9", "10") numerically first.
    const fields = Object.keys(value)
      .sort(compareBytewise)
      .map((key) => `${encodeString(key)}:${encode(value[key] as JsonValue)}`);
    return `{${fields.join(',')}}`;
  }
  if (typeof value === 'string') return encodeString(value);
  return JSON.stringify(value);
}

function encodeString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => GO_ESCAPES[char] ?? char);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Go compares strings by UTF-8 bytes: code point order, which UTF-16 units match below U+D800. */
function compareBytewise(left: string, right: string): number {
  if (!SURROGATE.test(left) && !SURROGATE.test(right)) return left < right ? -1 : left > right ? 1 : 0;
  const a = [...left].map((char) => char.codePointAt(0) ?? 0);
  const b = [...right].map((char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) - (b[index] ?? 0);
  }
  return a.length - b.length;
}
