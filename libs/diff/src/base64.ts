// UTF-8 + base64 encoding without Buffer, TextEncoder or btoa: the engine may run inside an
// isolate that has none of them.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) as number;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // a lone surrogate encodes as U+FFFD, as in Go and Node
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

export function base64EncodeUtf8(text: string): string {
  const bytes = utf8Bytes(text);
  let output = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] as number;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    output += ALPHABET[(triple >> 18) & 63] as string;
    output += ALPHABET[(triple >> 12) & 63] as string;
    output += b === undefined ? '=' : (ALPHABET[(triple >> 6) & 63] as string);
    output += c === undefined ? '=' : (ALPHABET[triple & 63] as string);
  }
  return output;
}
