// `app get-resource`, `app edit` and `app confirm-deletion` end to end, against
// one kernel with every role (controller, repo-server, server) over kube-sim
// and a real git repository. The editor of `app edit` is a small node script
// named by EDITOR that rewrites the file as a user would, and can behave
// differently on its second run (a fix after an error).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { describeConnection } from '../../core/src/kube/cluster-connection';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyLive, createApp, ensureNamespaces, kubeConfigOf, readApp } from '../controller/support';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo } from '../support/git-servers/make-repo';
import { runCliInProcess } from '../support/run-cli';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

jest.setTimeout(120_000);

const namespace = uniqueNamespace();
const base = mkdtempSync(join(tmpdir(), 'driftless-app-extra-'));
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    tier: web\ndata:\n  value: v1\n  other: v2\n`;
const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\ndata:\n  password: aHVudGVyMg==\n`;

let sim: KubeSim;
let kubeConfig: KubeConfig;
let kernel: RunningKernel;
let repoURL: string;

const fixture = () => ({ kubeConfig, namespace }) as Parameters<typeof readApp>[0];
const cli = (...args: string[]) => runCliInProcess(['app', ...args, '--server', kernel.url]);

/**
 * An editor: a node script run as `EDITOR FILE`. `runs` holds, per run, what
 * it does to the text it finds; it counts its runs in a file next to it and
 * logs the text it was given, so the test sees what the user would have seen.
 */
function scriptedEditor(name: string, runs: string[]): { command: string; seen: () => Promise<string[]> } {
  const directory = mkdtempSync(join(base, `${name}-`));
  const script = join(directory, 'editor.cjs');
  writeFileSync(
    script,
    `const fs = require('node:fs');
const file = process.argv[2];
const counter = ${JSON.stringify(join(directory, 'runs'))};
const run = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0;
fs.writeFileSync(counter, String(run + 1));
const text = fs.readFileSync(file, 'utf8');
fs.appendFileSync(${JSON.stringify(join(directory, 'seen'))}, JSON.stringify(text) + '\\n');
const edits = [${runs.join(',')}];
fs.writeFileSync(file, (edits[run] ?? ((t) => t))(text));
`,
  );
  return {
    command: `"${process.execPath}" "${script}"`,
    seen: async () =>
      (await readFile(join(directory, 'seen'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string),
  };
}

async function editWith(command: string) {
  const saved = { editor: process.env['EDITOR'], kube: process.env['KUBE_EDITOR'] };
  process.env['EDITOR'] = command;
  delete process.env['KUBE_EDITOR'];
  try {
    return await cli('edit', 'web');
  } finally {
    if (saved.editor === undefined) delete process.env['EDITOR'];
    else process.env['EDITOR'] = saved.editor;
    if (saved.kube !== undefined) process.env['KUBE_EDITOR'] = saved.kube;
  }
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: 1 });
  kubeConfig = kubeConfigOf(sim);
  await installArgoCrds(kubeConfig, namespace);
  await ensureNamespaces(kubeConfig, 'web');
  await applyLive(kubeConfig, [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace },
      data: { 'timeout.reconciliation': '2s', 'timeout.reconciliation.jitter': '0s' },
    } as KubernetesObject,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace },
      // Only `web`: an edit that points the app elsewhere is refused by the server.
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: 'web' }] },
    } as KubernetesObject,
  ]);
  const repo = await makeRepo(join(base, 'repo.git'), { 'web/cm.yaml': configMap, 'web/secret.yaml': secret });
  repoURL = `file://${repo.dir}`;
  kernel = await startTestKernel({
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    namespace,
    roles: ['controller', 'repo-server', 'server'],
    env: { DRIFTLESS_ALLOW_FILE_URLS: 'true', DRIFTLESS_REPO_CACHE_DIR: join(base, 'cache') },
  });
  await createApp(fixture(), 'web', {
    project: 'team',
    source: { repoURL, path: 'web', targetRevision: 'main' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
  });
  const sync = await cli('sync', 'web', '--timeout', '60');
  expect(sync.stderr).toBe('');
  expect(sync.code).toBe(0);
});

afterAll(async () => {
  await kernel?.stop().catch(() => undefined);
  await sim?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('app get-resource', () => {
  it('prints the live ConfigMap field by field, and as YAML without managedFields', async () => {
    const wide = await cli('get-resource', 'web', '--kind', 'ConfigMap', '--resource-name', 'settings');
    expect(wide.stderr).toBe('');
    expect(wide.code).toBe(0);
    const lines = wide.stdout.split('\n');
    expect(lines[0]).toMatch(/^FIELD +VALUE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^data\.value +v1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^metadata\.labels\.tier +web$/));
    // Live, not desired: the cluster's own fields are there.
    expect(lines).toContainEqual(expect.stringMatching(/^metadata\.uid +\S+$/));

    const yaml = await cli('get-resource', 'web', '--kind', 'ConfigMap', '--resource-name', 'settings', '-o', 'yaml');
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('kind: ConfigMap');
    expect(yaml.stdout).toContain('  value: v1');
    expect(yaml.stdout).not.toContain('managedFields');
  });

  it('keeps the Secret masked', async () => {
    const result = await cli('get-resource', 'web', '--kind', 'Secret', '--resource-name', 'credentials', '-o', 'json');
    expect(result.code).toBe(0);
    const object = JSON.parse(result.stdout) as { data: Record<string, string> };
    expect(object.data).toEqual({ password: '++++++++' });
    expect(result.stdout).not.toContain('aHVudGVyMg==');
  });

  it('keeps only the --filter-fields paths, and names each object when no --resource-name picks one', async () => {
    const json = await cli(
      'get-resource',
      'web',
      '--kind',
      'ConfigMap',
      '--filter-fields',
      'data.value,kind',
      '-o',
      'json',
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      metadata: { name: 'settings' },
      data: { value: 'v1' },
      kind: 'ConfigMap',
    });

    const wide = await cli('get-resource', 'web', '--kind', 'ConfigMap', '--filter-fields', 'data.value');
    expect(wide.code).toBe(0);
    expect(wide.stdout.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringMatching(/^FIELD +RESOURCE NAME +VALUE$/),
      expect.stringMatching(/^data\.value +settings +v1$/),
    ]);
  });

  it('names the resource it cannot find, in one line, exit code 1', async () => {
    const missing = await cli('get-resource', 'web', '--kind', 'ConfigMap', '--resource-name', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain("application 'web' manages no ConfigMap nope");
  });
});

describe('app edit', () => {
  it('writes nothing when the file comes back unchanged', async () => {
    const before = await readApp(fixture(), 'web');
    const result = await editWith('true');
    expect(result).toMatchObject({ code: 0, stdout: 'Edit cancelled, no changes made.\n' });
    expect((await readApp(fixture(), 'web')).spec).toEqual(before.spec);
  });

  it('stores the edited spec', async () => {
    const editor = scriptedEditor('revision', [`(t) => t.replace('targetRevision: main', 'targetRevision: HEAD')`]);
    const result = await editWith(editor.command);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: "application 'web' updated\n" });
    const [given] = await editor.seen();
    expect(given).toContain(`repoURL: ${repoURL}`);
    expect((await readApp(fixture(), 'web')).spec.source).toMatchObject({
      repoURL,
      path: 'web',
      targetRevision: 'HEAD',
    });
  });

  it('reopens invalid YAML with the error on top and stores the fixed spec of the second run', async () => {
    const editor = scriptedEditor('fix-yaml', [
      `(t) => t + 'info: [unclosed\\n'`,
      `(t) => t.replace(/^#.*\\n/gm, '').replace('info: [unclosed\\n', 'revisionHistoryLimit: 3\\n')`,
    ]);
    const result = await editWith(editor.command);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: "application 'web' updated\n" });
    const seen = await editor.seen();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^# invalid YAML: /);
    expect(seen[1]).toContain('info: [unclosed');
    expect((await readApp(fixture(), 'web')).spec).toMatchObject({ revisionHistoryLimit: 3 });
  });

  it("shows the server's refusal in the editor and gives up when the file is saved unchanged", async () => {
    const before = await readApp(fixture(), 'web');
    const editor = scriptedEditor('refused', [`(t) => t.replace('namespace: web', 'namespace: elsewhere')`]);
    const result = await editWith(editor.command);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('edit cancelled, no valid changes were saved');
    const seen = await editor.seen();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/^# server error BAD_USER_INPUT: .*elsewhere/);
    expect((await readApp(fixture(), 'web')).spec).toEqual(before.spec);
  });
});

describe('app confirm-deletion', () => {
  it('sets the deletion-approved annotation to the current time', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const result = await cli('confirm-deletion', 'web');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const approved = (await readApp(fixture(), 'web')).metadata.annotations?.['argocd.argoproj.io/deletion-approved'];
    expect(approved).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(approved ?? '')).toBeGreaterThanOrEqual(before);
    expect(Date.parse(approved ?? '')).toBeLessThanOrEqual(Date.now());
    expect(result.stdout).toBe(`application 'web': argocd.argoproj.io/deletion-approved set to ${approved}\n`);
  });
});
