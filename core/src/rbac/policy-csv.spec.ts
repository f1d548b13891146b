import { parsePolicySources, readCsvRecord } from './policy-csv';

describe('readCsvRecord (Go encoding/csv with TrimLeadingSpace)', () => {
  it.each([
    ['p, a, b', ['p', 'a', 'b']],
    ['p,a ,b', ['p', 'a ', 'b']],
    ['p,\t a', ['p', 'a']],
    ['p, "a, b", c', ['p', 'a, b', 'c']],
    ['p, "say ""hi""", c', ['p', 'say "hi"', 'c']],
    ['p, "", c', ['p', '', 'c']],
    ['p, a,', ['p', 'a', '']],
  ])('%j → %j', (line, fields) => {
    expect(readCsvRecord(line)).toEqual(fields);
  });

  it.each([
    ['p, "a', 'not closed'],
    ['p, "a"b, c', 'extraneous text after a closing quote'],
    ['p, a"b, c', 'inside an unquoted field'],
  ])('%j is an error', (line, message) => {
    expect(readCsvRecord(line)).toEqual(expect.stringContaining(message));
  });
});

describe('parsePolicySources', () => {
  it('skips blank and comment lines and numbers the others by their line in the source', () => {
    const parsed = parsePolicySources([
      { name: 'policy.csv', csv: '# roles\n\np, a, applications, get, */*, allow\n  g, b, a\r\n' },
      { name: 'policy.x.csv', csv: 'p, a, b\n' },
    ]);
    expect(parsed.rules.map((rule) => [rule.source, rule.line, rule.kind, rule.fields])).toEqual([
      ['policy.csv', 3, 'p', ['a', 'applications', 'get', '*/*', 'allow']],
      ['policy.csv', 4, 'g', ['b', 'a']],
    ]);
    expect(parsed.syntaxErrors).toEqual([
      expect.objectContaining({ source: 'policy.x.csv', line: 1, message: expect.stringContaining('needs 6') }),
    ]);
  });

  it('does not treat a # after the start of a line as a comment', () => {
    const parsed = parsePolicySources([{ name: 'p', csv: 'p, a, b, c, d, allow # note' }]);
    expect(parsed.rules[0]?.fields[4]).toBe('allow # note');
  });
});
