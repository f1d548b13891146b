import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../support/run-cli';

const seedDir = join(__dirname, '..', '..', 'schema', 'testdata', 'seed');

describe('driftless admin validate', () => {
  it('accepts every Argo CD example of the seed guide', async () => {
    const files = readdirSync(seedDir).map((name) => join(seedDir, name));
    expect(files.length).toBeGreaterThan(10);
    const { code, stdout } = await runCliInProcess(['admin', 'validate', ...files]);
    expect(stdout.trim().split('\n')).toEqual(files.map((file) => `${file}: valid`));
    expect(code).toBe(0);
  });

  it('reports each problem as file:line: path: message and exits 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'driftless-validate-')), 'app.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        '  name: guestbook',
        'spec:',
        '  project: default',
        '  source:',
        '    repoURL: 5',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCliInProcess(['admin', 'validate', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:5: spec: required property 'destination' is missing`);
    expect(stdout).toContain(`${file}:8: spec.source.repoURL: expected a string but found the number 5`);
    expect(stderr).toBe('driftless: 2 problems found\n');
  });

  it('reports YAML syntax errors with their line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'driftless-validate-')), 'broken.yaml');
    writeFileSync(file, 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x\n');
    const { code, stdout } = await runCliInProcess(['admin', 'validate', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+: `));
  });

  it('exits 2 when a file cannot be read', async () => {
    const { code, stderr } = await runCliInProcess(['admin', 'validate', '/nonexistent/app.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('driftless: cannot read /nonexistent/app.yaml: ENOENT\n');
  });
});
