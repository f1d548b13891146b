/**
 * Data-driven cases in schema/testdata (add a case by adding a file):
 * - seed/*.yaml: the seed guide's examples; each must validate without any issue.
 * - valid/*.yaml: further valid manifests; each must validate without any issue.
 * - invalid/<case>.yaml with <case>.expected.json: exactly the listed issues (document, line,
 *   path, severity, message), in order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatIssue } from './validation-issue';
import { validateManifestText } from './validate-manifest';

const testdata = resolve(__dirname, '..', '..', 'testdata');

function yamlFiles(folder: string): string[] {
  return readdirSync(join(testdata, folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}

function validate(folder: string, name: string) {
  return validateManifestText(readFileSync(join(testdata, folder, name), 'utf8'), name);
}

describe('seed guide examples', () => {
  const files = yamlFiles('seed');

  it('covers every Application, AppProject and ApplicationSet example of the seed guide', () => {
    expect(files).toHaveLength(19);
  });

  it.each(files)('%s cites its seed section and validates without issues', (name) => {
    expect(readFileSync(join(testdata, 'seed', name), 'utf8')).toMatch(/^# Seed guide §\d+(\.\d+)* /);
    expect(validate('seed', name).map(formatIssue)).toEqual([]);
  });
});

describe('valid manifests', () => {
  const files = yamlFiles('valid');

  it('has cases', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates without issues', (name) => {
    expect(validate('valid', name).map(formatIssue)).toEqual([]);
  });
});

describe('invalid manifests', () => {
  const files = yamlFiles('invalid');

  it('has cases', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s reports exactly the issues in its .expected.json', (name) => {
    const expectedPath = join(testdata, 'invalid', name.replace(/\.yaml$/, '.expected.json'));
    expect(existsSync(expectedPath)).toBe(true);
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as object[];
    expect(expected.length).toBeGreaterThan(0);

    const issues = validate('invalid', name);
    expect(issues.every((issue) => issue.file === name)).toBe(true);
    expect(issues.map(({ file: _file, ...issue }) => issue)).toEqual(expected);
  });
});
