import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'driftless-template-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('driftless admin template render', () => {
  const data = file(
    'data.json',
    JSON.stringify({ path: { basename: 'guestbook', segments: ['apps', 'guestbook'] }, replicas: 3 }),
  );

  it('renders an ApplicationSet-style template with Sprig', async () => {
    const template = file('appset.tpl', '{{ .path.basename }}-{{ index .path.segments 0 | upper }} x{{ .replicas }}\n');
    const { code, stdout } = await runCliInProcess(['admin', 'template', 'render', template, '--data', data]);
    expect(code).toBe(0);
    expect(stdout).toBe('guestbook-APPS x3\n');
  });

  it('applies --missingkey and --helm as Go and Helm do', async () => {
    const template = file('missing.tpl', '[{{ .nope }}]');
    expect((await runCliInProcess(['admin', 'template', 'render', template, '--data', data])).stdout).toBe(
      '[<no value>]',
    );
    expect((await runCliInProcess(['admin', 'template', 'render', template, '--data', data, '--helm'])).stdout).toBe(
      '[]',
    );
    const strict = await runCliInProcess([
      'admin',
      'template',
      'render',
      template,
      '--data',
      data,
      '--missingkey',
      'error',
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(
      'driftless: template: missing.tpl:1:4: executing "missing.tpl" at <.nope>: map has no entry for key "nope"\n',
    );
  });

  it('reports a parse error with template name, line and column', async () => {
    const template = file('broken.tpl', 'line one\n{{ if .x }}unclosed');
    const { code, stderr } = await runCliInProcess(['admin', 'template', 'render', template]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^driftless: template: broken\.tpl:2:\d*:? ?.*unexpected EOF\n$/);
  });

  it('exits 2 for data that is not JSON', async () => {
    const template = file('ok.tpl', 'x');
    const { code, stderr } = await runCliInProcess([
      'admin',
      'template',
      'render',
      template,
      '--data',
      file('bad.json', '{nope'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^driftless: .*bad\.json is not valid JSON: /);
  });
});
