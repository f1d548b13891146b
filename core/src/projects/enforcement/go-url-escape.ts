// Go's net/url escaping rules (shouldEscape, escape, unescape, validEncoded), byte for byte.
// Argo CD compares repository URLs after a Go url.Parse → String() round trip, so a pattern
// or URL with, say, `{` or a space in its path compares in its escaped form.

export type UrlPart = 'path' | 'host' | 'userinfo' | 'fragment';

const HEX = '0123456789ABCDEF';
const HOST_SUB_DELIMS = new Set(Array.from('!$&\'()*+,;=:[]<>"', (char) => char.charCodeAt(0)));
const RESERVED = new Set(Array.from('$&+,/:;=?@', (char) => char.charCodeAt(0)));
const UNRESERVED_MARKS = new Set(Array.from('-_.~', (char) => char.charCodeAt(0)));
const ALWAYS_VALID_ENCODED = new Set(Array.from("!$&'()*+,;=:@[]%", (char) => char.charCodeAt(0)));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isAlphanumeric(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function isHex(byte: number | undefined): boolean {
  return byte !== undefined && /^[0-9a-fA-F]$/u.test(String.fromCharCode(byte));
}

export function shouldEscape(byte: number, part: UrlPart): boolean {
  if (isAlphanumeric(byte)) return false;
  if (part === 'host' && HOST_SUB_DELIMS.has(byte)) return false;
  if (UNRESERVED_MARKS.has(byte)) return false;
  if (RESERVED.has(byte)) {
    const char = String.fromCharCode(byte);
    if (part === 'path') return char === '?';
    if (part === 'userinfo') return '@/?:'.includes(char);
    if (part === 'fragment') return false;
  }
  if (part === 'fragment' && '!()*'.includes(String.fromCharCode(byte))) return false;
  return true;
}

export function escape(text: string, part: UrlPart): string {
  let out = '';
  for (const byte of encoder.encode(text)) {
    out += shouldEscape(byte, part) ? `%${HEX[byte >> 4]}${HEX[byte & 15]}` : String.fromCharCode(byte);
  }
  return out;
}

/** The unescaped text, or an error message as Go's url package words it. */
export function unescape(text: string, part: UrlPart): { value: string } | { error: string } {
  const bytes = encoder.encode(text);
  const out: number[] = [];
  for (let index = 0; index < bytes.length;) {
    const byte = bytes[index] as number;
    if (byte === 0x25) {
      if (index + 2 >= bytes.length || !isHex(bytes[index + 1]) || !isHex(bytes[index + 2])) {
        return { error: `invalid URL escape ${JSON.stringify(decoder.decode(bytes.slice(index, index + 3)))}` };
      }
      const value = parseInt(String.fromCharCode(bytes[index + 1] as number, bytes[index + 2] as number), 16);
      // In a host, %-encoding is only allowed for non-ASCII bytes (and %25 for IPv6 zones).
      if (part === 'host' && value < 0x80 && value !== 0x25) {
        return { error: `invalid URL escape ${JSON.stringify(decoder.decode(bytes.slice(index, index + 3)))}` };
      }
      out.push(value);
      index += 3;
      continue;
    }
    if (part === 'host' && byte < 0x80 && shouldEscape(byte, part)) {
      return { error: `invalid character ${JSON.stringify(String.fromCharCode(byte))} in host name` };
    }
    out.push(byte);
    index += 1;
  }
  return { value: decoder.decode(new Uint8Array(out)) };
}

export function validEncoded(text: string, part: UrlPart): boolean {
  for (const byte of encoder.encode(text)) {
    if (!ALWAYS_VALID_ENCODED.has(byte) && shouldEscape(byte, part)) return false;
  }
  return true;
}
