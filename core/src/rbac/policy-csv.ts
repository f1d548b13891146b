// Reads casbin policy CSV the way Argo CD does (util/rbac `loadPolicyLine`):
// each line is one CSV record read with leading spaces trimmed from every
// field (trailing spaces stay part of the field), blank lines and lines that
// start with `#` are skipped, `p` lines need 6 fields and `g` lines 3.

export interface PolicySource {
  /** Where the text came from, for messages: a file name or a ConfigMap key such as `policy.csv`. */
  name: string;
  csv: string;
}

export interface PolicyRule {
  kind: 'p' | 'g';
  /** The fields after the `p`/`g` key: sub, res, act, obj, eft — or member, role. */
  fields: string[];
  source: string;
  /** 1-based line number within the source. */
  line: number;
  text: string;
}

export interface PolicyIssue {
  severity: 'error' | 'warning';
  source: string;
  /** 1-based; 0 when the problem is not tied to a line. */
  line: number;
  message: string;
  text?: string;
  /** Set on lines Argo CD itself refuses to load (bad CSV, wrong field count, unknown key). */
  syntax?: true;
}

export interface ParsedPolicy {
  rules: PolicyRule[];
  /** Lines Argo CD would refuse to load (its enforcer fails on them). */
  syntaxErrors: PolicyIssue[];
}

export function parsePolicySources(sources: readonly PolicySource[]): ParsedPolicy {
  const rules: PolicyRule[] = [];
  const syntaxErrors: PolicyIssue[] = [];
  for (const source of sources) {
    const lines = source.csv.split('\n');
    lines.forEach((rawLine, index) => {
      const text = rawLine.trim();
      if (text === '' || text.startsWith('#')) return;
      const line = index + 1;
      const record = readCsvRecord(text);
      if (typeof record === 'string') {
        syntaxErrors.push({ severity: 'error', syntax: true, source: source.name, line, message: record, text });
        return;
      }
      const [key, ...fields] = record;
      const expected = key === 'p' ? 5 : key === 'g' ? 2 : undefined;
      if (expected === undefined) {
        syntaxErrors.push({
          severity: 'error',
          syntax: true,
          source: source.name,
          line,
          message: `a policy line starts with "p" or "g", not ${JSON.stringify(key ?? '')}`,
          text,
        });
        return;
      }
      if (fields.length !== expected) {
        syntaxErrors.push({
          severity: 'error',
          syntax: true,
          source: source.name,
          line,
          message: `a "${key}" line needs ${expected + 1} comma-separated fields, found ${fields.length + 1}`,
          text,
        });
        return;
      }
      rules.push({ kind: key as 'p' | 'g', fields, source: source.name, line, text });
    });
  }
  return { rules, syntaxErrors };
}

/**
 * One RFC 4180 record from a single line, as Go's encoding/csv reads it with
 * TrimLeadingSpace: returns the fields, or a message saying what is wrong.
 */
export function readCsvRecord(line: string): string[] | string {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    while (position < line.length && isSpace(line[position] as string)) position += 1;
    if (line[position] === '"') {
      let value = '';
      position += 1;
      for (;;) {
        const quote = line.indexOf('"', position);
        if (quote === -1) return 'a quoted field is not closed (missing ")';
        value += line.slice(position, quote);
        position = quote + 1;
        if (line[position] === '"') {
          value += '"';
          position += 1;
          continue;
        }
        break;
      }
      fields.push(value);
      if (position === line.length) return fields;
      if (line[position] !== ',') return 'extraneous text after a closing quote (quote the whole field)';
      position += 1;
      continue;
    }
    const comma = line.indexOf(',', position);
    const value = comma === -1 ? line.slice(position) : line.slice(position, comma);
    if (value.includes('"')) return 'a " inside an unquoted field (quote the whole field and double the ")';
    fields.push(value);
    if (comma === -1) return fields;
    position = comma + 1;
  }
}

function isSpace(char: string): boolean {
  return /\s/u.test(char);
}

/** Policy text for error messages: `policy.csv:3`. */
export function issueLocation(issue: Pick<PolicyIssue, 'source' | 'line'>): string {
  return issue.line > 0 ? `${issue.source}:${issue.line}` : issue.source;
}

export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issueLocation(issue);
  return issue.text === undefined ? `${where}: ${issue.message}` : `${where}: ${issue.message}: ${issue.text}`;
}
