// toToml as BurntSushi/toml's Encoder writes maps: plain keys first, then
// tables ("[a.b]", indented two spaces per level) and arrays of tables.
import { formatFloat } from '../values/float';
import { GoStruct, integerValue, isPlainMap, own, type GoMap } from '../values/types';

const QUOTED: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

function quote(text: string): string {
  let body = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || code === 0x7f;
    body += own(QUOTED, char) ?? (control ? `\\u${code.toString(16).padStart(4, '0')}` : char);
  }
  return `"${body}"`;
}

function keyPart(part: string): string {
  if (part === '') return '""';
  return /^[A-Za-z0-9_-]+$/.test(part) ? part : quote(part);
}

const isTable = (value: unknown): value is GoMap => isPlainMap(value) || value instanceof GoStruct;
const fieldsOf = (value: GoMap | GoStruct): GoMap => (value instanceof GoStruct ? value.fields : value);
const isTableArray = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.length > 0 && value.every(isTable);

function element(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? '+inf' : '-inf';
    const text = formatFloat(value, 'f', -1);
    return text.includes('.') ? text : `${text}.0`;
  }
  const integer = integerValue(value);
  if (integer !== undefined) return integer.toString();
  if (Array.isArray(value)) return `[${value.map(element).join(', ')}]`;
  if (isTable(value)) {
    const entries = Object.keys(fieldsOf(value)).sort();
    return `{${entries.map((key) => `${keyPart(key)} = ${element(fieldsOf(value)[key])}`).join(', ')}}`;
  }
  throw new Error(`toml: cannot encode a value of type ${typeof value}`);
}

class TomlWriter {
  out = '';
  private written = false;

  write(text: string): void {
    this.out += text;
    this.written = true;
  }

  newline(): void {
    if (this.written) this.write('\n');
  }

  map(path: string[], map: GoMap): void {
    const keys = Object.keys(map);
    const direct = keys.filter((key) => !isTable(map[key]) && !isTableArray(map[key])).sort();
    const sub = keys.filter((key) => isTable(map[key]) || isTableArray(map[key])).sort();
    for (const key of [...direct, ...sub]) this.encode([...path, key], map[key]);
  }

  private encode(path: string[], value: unknown): void {
    if (value === null || value === undefined) return;
    const indent = '  '.repeat(path.length - 1);
    const header = path.map(keyPart).join('.');
    if (isTableArray(value)) {
      for (const item of value) {
        this.newline();
        this.write(`${indent}[[${header}]]`);
        this.newline();
        this.map(path, fieldsOf(item as GoMap));
      }
      return;
    }
    if (isTable(value)) {
      if (path.length === 1) this.newline();
      this.write(`${indent}[${header}]`);
      this.newline();
      this.map(path, fieldsOf(value));
      return;
    }
    this.write(`${indent}${keyPart(path[path.length - 1]!)} = ${element(value)}`);
    this.newline();
  }
}

export function marshalToml(value: unknown): string {
  if (!isTable(value)) throw new Error('toml: top-level values must be Go maps or structs');
  const writer = new TomlWriter();
  writer.map([], fieldsOf(value));
  return writer.out;
}
