// `driftless admin manifests PATH`: a local directory rendered offline by the
// same renderer plugins in the same sandbox as the repo-server — plain YAML,
// a Helm chart with values and --helm-set, a kustomization — and bad input
// answered in one line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCliInProcess } from '../support/run-cli';

const base = mkdtempSync(join(tmpdir(), 'driftless-admin-manifests-'));

function write(path: string, content: string): void {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), content);
}

describe('admin manifests', () => {
  beforeAll(() => {
    write('plain/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: "1"\n');
    write('chart/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    write('chart/values.yaml', 'replicas: 1\ncolour: blue\n');
    write('chart/values-prod.yaml', 'colour: green\n');
    write(
      'chart/templates/config.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  replicas: "{{ .Values.replicas }}"\n  colour: {{ .Values.colour }}\n',
    );
    write('kust/kustomization.yaml', 'namePrefix: k-\nresources:\n  - config.yaml\n');
    write('kust/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('prints plain manifests as YAML with the tracking annotation for the app named after the directory', async () => {
    const result = await runCliInProcess(['admin', 'manifests', join(base, 'plain')]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const documents = parseAllDocuments(result.stdout).map((document) => document.toJS() as unknown);
    expect(documents).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'plain', annotations: { 'argocd.argoproj.io/tracking-id': 'plain:/ConfigMap:/plain' } },
        data: { a: '1' },
      },
    ]);
  });

  it('renders a chart with helm template: values files, --helm-set, release name and namespace', async () => {
    const result = await runCliInProcess([
      'admin',
      'manifests',
      join(base, 'chart'),
      '--helm-values',
      join(base, 'chart/values-prod.yaml'),
      '--helm-set',
      'replicas=3',
      '--release-name',
      'rel',
      '--namespace',
      'prod',
      '-o',
      'json',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'rel', namespace: 'prod' }),
        data: { replicas: '3', colour: 'green' },
      }),
    ]);
  });

  it('builds a kustomization', async () => {
    const result = await runCliInProcess(['admin', 'manifests', join(base, 'kust'), '-o', 'json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', metadata: expect.objectContaining({ name: 'k-base' }) }),
    ]);
  });

  it('answers bad input in one line: a missing directory, a values file outside, a malformed --helm-set', async () => {
    const missing = await runCliInProcess(['admin', 'manifests', join(base, 'nope')]);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^driftless: .*nope is not a readable directory\n$/),
    });
    const outside = await runCliInProcess(['admin', 'manifests', join(base, 'chart'), '--helm-values', '/etc/passwd']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(
      /--helm-values \/etc\/passwd is outside .*; values files must be inside the repository\n$/,
    );
    expect(outside.stderr.split('\n')).toHaveLength(2);
    const malformed = await runCliInProcess(['admin', 'manifests', join(base, 'chart'), '--helm-set', 'novalue']);
    expect(malformed).toMatchObject({ code: 2, stdout: '' });
    expect(malformed.stderr).toContain('--helm-set novalue must look like name=value');
  });
});
