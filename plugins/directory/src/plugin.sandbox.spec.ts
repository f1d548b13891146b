// builtin.directory bundled and run in the real sandbox (runner process,
// isolate, host API with its grants) against temporary workspaces, with the
// real jsonnet binary.
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginTestHarness, type TestPlugin } from '@driftless/plugin-sdk';
import { type FileTree, testApplication, writeTree } from '@driftless/render-kit/testing';
import { toolsBin } from '../../../test/support/tools';

const app = testApplication();

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('builtin.directory in the sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'renderer'>;
  let root: string;
  let workspace: string;
  let outside: string;

  beforeAll(async () => {
    harness = await PluginTestHarness.start({ size: 1, toolDirs: [toolsBin] });
    plugin = await harness.load<'renderer'>({ packageDir: join(__dirname, '..'), entry: 'src/plugin.ts' });
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-directory-'));
    workspace = join(root, 'repo');
    outside = join(root, 'outside');
    await mkdir(workspace);
    await mkdir(outside);
    await writeFile(join(outside, 'secret.yaml'), configMap('stolen-secret'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function files(entries: FileTree): Promise<void> {
    await writeTree(workspace, entries);
  }

  function render(path: string, options: Record<string, unknown> = {}, settings: Record<string, string> = {}) {
    return plugin.call('render', { path, options, app, settings }, { workspaceDir: workspace });
  }

  const names = (manifests: { metadata: { name?: string } }[]) => manifests.map((object) => object.metadata.name);

  it('renders YAML (multi-document), JSON and Lists from the top directory only, ignoring other files', async () => {
    await files({
      'app/a.yaml': `${configMap('a1')}---\n---\n${configMap('a2')}`,
      'app/b.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }),
      'app/c.yml': `apiVersion: v1\nkind: List\nitems:\n- ${configMap('c1').replace(/\n(?=.)/g, '\n  ')}`,
      'app/values.yaml': 'replicas: 3\n',
      'app/skipped.yaml': `# +argocd:skip-file-rendering\n${configMap('skipped')}`,
      'app/README.md': '# not a manifest',
      'app/sub/d.yaml': configMap('d'),
      'other/e.yaml': configMap('e'),
    });
    const { output } = await render('app');
    expect(names(output.manifests)).toEqual(['a1', 'a2', 'b', 'c1']);
    expect(output.dependencies).toEqual(['app']);
  });

  it('recurses, and applies include and exclude globs relative to the app path', async () => {
    await files({
      'app/a.yaml': configMap('a'),
      'app/b.yaml': configMap('b'),
      'app/sub/c.yaml': configMap('c'),
      'app/sub/deep/d.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' } }),
    });
    expect(names((await render('app', { recurse: true })).output.manifests)).toEqual(['a', 'b', 'c', 'd']);
    expect(names((await render('app', { recurse: true, include: '{a.yaml,sub/*}' })).output.manifests)).toEqual([
      'a',
      'c',
      'd',
    ]);
    expect(
      names((await render('app', { recurse: true, include: '*.yaml', exclude: 'sub/*' })).output.manifests),
    ).toEqual(['a', 'b']);
  });

  it('renders Jsonnet with TLAs, ext vars (ARGOCD_APP_* substituted) and libs from the repository root', async () => {
    await files({
      'vendor/lib.libsonnet':
        '{ cm(name, env):: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: name, labels: { env: env } } } }',
      'app/main.jsonnet':
        'local lib = import "lib.libsonnet";\nfunction(name, count) [lib.cm(name + "-" + i, std.extVar("env")) for i in std.range(1, count)]',
      'app/single.jsonnet': '{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: std.extVar("rev") } }',
    });
    const { output } = await render('app', {
      jsonnet: {
        tlas: [
          { name: 'name', value: '$ARGOCD_APP_NAME' },
          { name: 'count', value: '2', code: true },
        ],
        extVars: [
          { name: 'env', value: '../prod' },
          { name: 'rev', value: 'rev-${ARGOCD_APP_REVISION_SHORT}' },
        ],
        libs: ['vendor'],
      },
    });
    expect(names(output.manifests)).toEqual(['guestbook-1', 'guestbook-2', 'rev-0123456']);
    expect(output.manifests[0]?.metadata.labels).toEqual({ env: '../prod' });
    expect(output.dependencies).toEqual(['app', 'vendor']);
    const disabled = await render('app', {}, { 'jsonnet.enable': 'false' });
    expect(disabled.output).toEqual({ manifests: [], dependencies: ['app'] });
  });

  it('names the file when jsonnet fails', async () => {
    await files({ 'app/bad.jsonnet': '{ a: error "boom" }' });
    await expect(render('app')).rejects.toThrow(
      /directory app "app": failed to evaluate jsonnet "app\/bad.jsonnet": .*boom/,
    );
  });

  it('fails on a document that is not a Kubernetes object in a manifest file, naming file and document', async () => {
    await files({ 'app/x.yaml': `${configMap('a')}---\nreplicas: 3\n` });
    await expect(render('app')).rejects.toThrow(
      `directory app "app": failed to unmarshal "app/x.yaml": document 2: it is not a Kubernetes object: 'kind' is missing`,
    );
  });

  it('BI-DOS-1: refuses 50 MB of YAML from the walk sizes, without reading it', async () => {
    await files({ 'app/a.yaml': configMap('a') });
    await writeFile(join(workspace, 'app/big.yaml'), '');
    await truncate(join(workspace, 'app/big.yaml'), 50 * 1024 * 1024);
    const started = Date.now();
    await expect(render('app')).rejects.toThrow(
      'the manifests are larger than 10000000 bytes combined (reposerver.max.combined.directory.manifests.size), past "app/big.yaml"',
    );
    await expect(render('app', {}, { 'reposerver.max.combined.directory.manifests.size': '1Ki' })).rejects.toThrow(
      'larger than 1024 bytes combined',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('BI-DOS-2: alias bomb, 10⁵-deep nesting and a 100 MB scalar fail quickly with a clear error', async () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: bomb}',
      'data:',
      '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let level = 1; level < 9; level += 1)
      bomb.push(
        `  ${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(',')}]`,
      );
    await files({
      'bomb/x.yaml': bomb.join('\n'),
      'deep/x.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    });
    await mkdir(join(workspace, 'scalar'));
    await writeFile(
      join(workspace, 'scalar/x.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: "',
    );
    await truncate(join(workspace, 'scalar/x.yaml'), 100 * 1024 * 1024);
    let started = Date.now();
    await expect(render('bomb')).rejects.toThrow(
      'failed to unmarshal "bomb/x.yaml": document 1: its aliases expand to more than',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    await expect(render('deep')).rejects.toThrow(
      'failed to unmarshal "deep/x.yaml": document 1: it nests deeper than 1000 levels',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    await expect(render('scalar')).rejects.toThrow('the manifests are larger than 10000000 bytes combined');
    const settings = { 'reposerver.max.combined.directory.manifests.size': '200Mi' };
    await expect(render('scalar', {}, settings)).rejects.toThrow(/PLUGIN_LIMIT_EXCEEDED.*scalar\/x.yaml/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('BI-SYM-1: a link leaving the workspace fails the render with "out-of-bounds symlink", naming the file, leaking nothing', async () => {
    await files({ 'app/manifests/a.yaml': configMap('a') });
    await symlink('../../../outside/secret.yaml', join(workspace, 'app/manifests/x.yaml'));
    const error = await render('app/manifests').then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(
      /directory app "app\/manifests": .*"app\/manifests\/x.yaml" is an out-of-bounds symlink/,
    );
    expect(error?.message).not.toContain('stolen-secret');

    await rm(join(workspace, 'app/manifests/x.yaml'));
    await symlink('/etc/passwd', join(workspace, 'app/manifests/values.yaml'));
    await expect(render('app/manifests')).rejects.toThrow(/"app\/manifests\/values.yaml" is an out-of-bounds symlink/);
    await expect(render('app/manifests')).rejects.not.toThrow(/root:/);
  });

  it('BI-SYM-3: a link to a file inside the workspace renders', async () => {
    await files({ 'shared/cm.yaml': configMap('shared'), 'app/a.yaml': configMap('a') });
    await symlink('../shared/cm.yaml', join(workspace, 'app/b.yaml'));
    expect(names((await render('app')).output.manifests)).toEqual(['a', 'shared']);
  });
});
