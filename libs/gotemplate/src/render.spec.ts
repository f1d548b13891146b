import { compareSync } from 'bcryptjs';
import { parseCached, renderTemplateText, TemplateError, TemplateSet } from './index';

function errorOf(work: () => unknown): TemplateError {
  try {
    work();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('renderTemplateText', () => {
  it('renders an ApplicationSet-style template', () => {
    const data = { path: { basename: 'guestbook', segments: ['apps', 'guestbook'] } };
    expect(renderTemplateText('{{.path.basename}}-{{ index .path.segments 0 | upper }}', data)).toBe('guestbook-APPS');
  });

  it('reports parse errors with name and line', () => {
    const error = errorOf(() => renderTemplateText('a\n{{ .x', {}, { name: 'app.yaml' }));
    expect(error.code).toBe('TEMPLATE_PARSE_ERROR');
    expect(error.message).toBe('template: app.yaml:2: unclosed action');
    expect(error.templateName).toBe('app.yaml');
    expect(error.line).toBe(2);
  });

  it('reports execution errors with line, byte column and action', () => {
    const error = errorOf(() => renderTemplateText('é\n  {{ .a.b }}', { a: null }, { name: 't' }));
    expect(error.code).toBe('TEMPLATE_EXEC_ERROR');
    expect(error.message).toBe('template: t:2:7: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
    expect([error.line, error.column]).toEqual([2, 7]);
  });

  it('applies missingkey=error', () => {
    expect(() => renderTemplateText('{{ .nope }}', { a: 1 }, { missingKey: 'error' })).toThrow(
      'map has no entry for key "nope"',
    );
  });

  it('leaves env, expandenv and getHostByName out of the ApplicationSet set', () => {
    for (const name of ['env', 'expandenv', 'getHostByName']) {
      expect(() => renderTemplateText(`{{ ${name} "x" }}`, {}, { functions: 'applicationset' })).toThrow(
        `function "${name}" not defined`,
      );
    }
  });

  it('ranges over an integer (Go 1.22)', () => {
    expect(renderTemplateText('{{ range 3 }}{{ . }}{{ end }}', {})).toBe('012');
    expect(renderTemplateText('{{ range $i := 2 }}[{{ $i }}]{{ end }}', {})).toBe('[0][1]');
  });

  it('supports {{else with}} (Go 1.23)', () => {
    expect(renderTemplateText('{{ with .a }}A{{ else with .b }}{{ . }}{{ else }}none{{ end }}', { b: 'B' })).toBe('B');
  });

  it('caches parsed templates per text and options', () => {
    const text = `{{ "cache-${Math.random()}" }}`;
    expect(parseCached(text)).toBe(parseCached(text));
    expect(parseCached(text, { missingKey: 'error' })).not.toBe(parseCached(text));
    expect(renderTemplateText(text, {})).toBe(renderTemplateText(text, {}));
  });

  it('executes named templates of a set', () => {
    const set = new TemplateSet().parse('main', '{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" .v }}');
    expect(set.execute('main', { v: 1 })).toBe('[1]');
    expect(set.execute('x', 'direct')).toBe('[direct]');
  });
});

describe('resource limits', () => {
  it('stops infinite template recursion', () => {
    const error = errorOf(() =>
      renderTemplateText('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', {}, { name: 'loop' }),
    );
    expect(error.code).toBe('TEMPLATE_EXEC_ERROR');
    expect(error.message).toContain('exceeded maximum template depth (400)');
    expect(error.line).toBe(1);
  });

  it('stops an output larger than the limit', () => {
    const started = Date.now();
    const error = errorOf(() =>
      renderTemplateText(
        '{{ range until 200 }}{{ repeat 1000000 "x" }}{{ end }}',
        {},
        { limits: { maxOutputLength: 100 * 1024 * 1024 } },
      ),
    );
    expect(error.code).toBe('TEMPLATE_LIMIT_EXCEEDED');
    expect(error.message).toBe(
      'template: template:1:24: executing "template" at <{{repeat 1000000 "x"}}>: template output exceeded 104857600 characters',
    );
    expect([error.templateName, error.line, error.column]).toEqual(['template', 1, 24]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a single huge function result', () => {
    const error = errorOf(() => renderTemplateText('{{ repeat 200000000 "x" }}', {}));
    expect(error.message).toContain('error calling repeat');
  });

  it('stops doubling strings before they exhaust memory', () => {
    const text = '{{ $s := "xxxxxxxx" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ len $s }}';
    expect(errorOf(() => renderTemplateText(text, {})).code).toBe('TEMPLATE_LIMIT_EXCEEDED');
  });

  it('bounds range iterations', () => {
    const error = errorOf(() =>
      renderTemplateText(
        '{{ range until 100 }}{{ range until 100 }}{{ end }}{{ end }}',
        {},
        { limits: { maxRangeIterations: 5000 } },
      ),
    );
    expect(error.code).toBe('TEMPLATE_LIMIT_EXCEEDED');
    expect(error.message).toContain('5000 range iterations');
  });

  it('stops hostile widths, indents and nesting', () => {
    expect(renderTemplateText('{{ printf "%2000000d|" 1 }}', {})).toBe('%!(BADWIDTH)1|');
    expect(errorOf(() => renderTemplateText('{{ indent 100000000 "x" }}', {})).message).toContain(
      'exceeds the output limit',
    );
    expect(errorOf(() => renderTemplateText(`{{ ${'('.repeat(50_000)}1${')'.repeat(50_000)} }}`, {})).code).toMatch(
      /TEMPLATE_(LIMIT_EXCEEDED|PARSE_ERROR)/,
    );
    expect(errorOf(() => renderTemplateText('{{ range $i := 1000000000 }}{{ end }}', {})).code).toBe(
      'TEMPLATE_LIMIT_EXCEEDED',
    );
    expect(errorOf(() => renderTemplateText('{{ until 100000000 }}', {})).code).toBe('TEMPLATE_LIMIT_EXCEEDED');
  });

  it('reports infinite include recursion in Helm mode', () => {
    const error = errorOf(() =>
      renderTemplateText('{{ define "l" }}{{ include "l" . }}{{ end }}{{ include "l" . }}', {}, { helm: true }),
    );
    expect(error.code).toMatch(/TEMPLATE_(LIMIT_EXCEEDED|EXEC_ERROR)/);
  });

  it('bounds expensive key derivation', () => {
    const text = '{{ range until 30 }}{{ derivePassword 1 "pin" "p" "u" "s" }}{{ end }}';
    expect(errorOf(() => renderTemplateText(text, {}, { limits: { maxRangeIterations: 100_000 } })).code).toBe(
      'TEMPLATE_LIMIT_EXCEEDED',
    );
  });

  it('rejects oversized template text', () => {
    const error = errorOf(() => renderTemplateText('x'.repeat(100), {}, { limits: { maxTemplateLength: 10 } }));
    expect(error.code).toBe('TEMPLATE_LIMIT_EXCEEDED');
  });
});

describe('functions with random or time output', () => {
  it('uuidv4 has the version-4 shape', () => {
    const id = renderTemplateText('{{ uuidv4 }}', {});
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renderTemplateText('{{ uuidv4 }}', {})).not.toBe(id);
  });

  it('random strings use their alphabets', () => {
    expect(renderTemplateText('{{ randAlphaNum 40 }}', {})).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(renderTemplateText('{{ randAlpha 40 }}', {})).toMatch(/^[A-Za-z]{40}$/);
    expect(renderTemplateText('{{ randNumeric 40 }}', {})).toMatch(/^[0-9]{40}$/);
    expect(renderTemplateText('{{ randAscii 40 }}', {})).toMatch(/^[ -~]{40}$/);
  });

  it('randInt stays in range', () => {
    for (let i = 0; i < 20; i++) {
      const value = Number(renderTemplateText('{{ randInt 3 7 }}', {}));
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThan(7);
    }
  });

  it('now formats the current time', () => {
    const year = new Date().getUTCFullYear();
    expect(renderTemplateText('{{ now | date "2006" }}', {})).toBe(String(year));
    expect(renderTemplateText('{{ now }}', {})).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? \+0000 UTC$/);
    expect(Number(renderTemplateText('{{ now | unixEpoch }}', {}))).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('ago and durationRound measure from now', () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(renderTemplateText(`{{ ago ${tenMinutesAgo} }}`, {})).toMatch(/^10m0s|9m59s|10m1s$/);
    expect(renderTemplateText('{{ durationRound (now | dateModify "-49h") }}', {})).toBe('2d');
  });

  it('bcrypt and htpasswd produce verifiable Go-style hashes', () => {
    const hash = renderTemplateText('{{ bcrypt "s3cret" }}', {});
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(compareSync('s3cret', hash)).toBe(true);
    const line = renderTemplateText('{{ htpasswd "admin" "pw" }}', {});
    expect(line.startsWith('admin:$2a$10$')).toBe(true);
    expect(compareSync('pw', line.slice('admin:'.length))).toBe(true);
    expect(renderTemplateText('{{ htpasswd "a:b" "pw" }}', {})).toBe('invalid username: a:b');
  });

  it('shuffle keeps the letters', () => {
    const shuffled = renderTemplateText('{{ shuffle "abcdef" }}', {});
    expect([...shuffled].sort().join('')).toBe('abcdef');
  });
});
