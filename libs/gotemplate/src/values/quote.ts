// Go's quoting of strings and runes (strconv.Quote, %#U), shared by the
// parser's messages, fmt's %q and the escapers.

/** Go's %#U formatting of a rune, used by lexer error messages. */
export function formatRuneU(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const printable = code >= 32 && code !== 127 && !(code >= 0x80 && code < 0xa0);
  return printable ? `U+${hex} '${String.fromCodePoint(code)}'` : `U+${hex}`;
}

/** Go's %q for strings (strconv.Quote). */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0xfffd && char !== '\ufffd') out += '\\ufffd';
    else if ((code >= 0x80 && code < 0xa0) || code === 0xad || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return out + '"';
}
