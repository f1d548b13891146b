// builtin.cmp in the real sandbox, running sh through the host's exec:
// selection by name, version and discovery, init + generate, the build
// environment (BI-CMP-1), reset file modes (BI-CMP-2) and failures.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginTestHarness, type KubeObject, type RendererInput, type TestPlugin } from '@driftless/plugin-sdk';
import { type FileTree, testApplication, writeTree } from '@driftless/render-kit/testing';

const configMap = (name: string, data: string) =>
  `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}\\ndata:\\n${data}'`;

const envScript = [
  'cat <<EOF',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: env}',
  'data:',
  '  name: "$ARGOCD_APP_NAME"',
  '  namespace: "$ARGOCD_APP_NAMESPACE"',
  '  project: "$ARGOCD_APP_PROJECT_NAME"',
  '  revisionShort: "$ARGOCD_APP_REVISION_SHORT"',
  '  sourcePath: "$ARGOCD_APP_SOURCE_PATH"',
  '  repoURL: "$ARGOCD_APP_SOURCE_REPO_URL"',
  '  targetRevision: "$ARGOCD_APP_SOURCE_TARGET_REVISION"',
  '  kubeVersion: "$KUBE_VERSION"',
  '  apiVersions: "$KUBE_API_VERSIONS"',
  '  envFoo: "$ARGOCD_ENV_FOO"',
  '  envPath: "$ARGOCD_ENV_PATH"',
  '  envNodeOptions: "$ARGOCD_ENV_NODE_OPTIONS"',
  '  nodeOptions: "${NODE_OPTIONS:-unset}"',
  '  path: "$PATH"',
  '  paramTag: "$PARAM_TAG"',
  '  paramRegion0: "$PARAM_REGIONS_0"',
  '  parameters: |',
  '    $ARGOCD_APP_PARAMETERS',
  'EOF',
].join('\n');

const definitions = [
  {
    metadata: { name: 'named' },
    spec: { generate: { command: ['sh', '-c'], args: [configMap('named', '  from: named\\n')] } },
  },
  {
    metadata: { name: 'versioned' },
    spec: { version: 'v1.0', generate: { command: ['sh', '-c', configMap('versioned', '  from: versioned\\n')] } },
  },
  {
    metadata: { name: 'b-by-file' },
    spec: {
      discover: { fileName: './*.envsubst' },
      init: { command: ['sh', '-c'], args: ['echo initialised > init.out'] },
      generate: { command: ['sh', '-c'], args: [`${configMap('by-file', '  init: %s\\n')} "$(cat init.out)"`] },
    },
  },
  {
    metadata: { name: 'c-by-glob' },
    spec: {
      discover: { find: { glob: '**/*.jsonnet' } },
      generate: { command: ['sh', '-c'], args: [configMap('by-glob', '  from: glob\\n')] },
    },
  },
  {
    metadata: { name: 'd-by-command' },
    spec: {
      discover: { find: { command: ['sh', '-c', 'ls marker.cue 2>/dev/null'] } },
      generate: { command: ['sh', '-c'], args: [configMap('by-command', '  from: command\\n')] },
    },
  },
  { metadata: { name: 'env' }, spec: { generate: { command: ['sh', '-c'], args: [envScript] } } },
  {
    metadata: { name: 'modes' },
    spec: {
      generate: {
        command: ['sh', '-c'],
        args: [
          `${configMap('modes', '  mode: "%s"\\n  run: "%s"\\n')} "$(stat -c %a run.sh)" "$(./run.sh 2>&1 | head -c 120 || true)"`,
        ],
      },
    },
  },
  {
    metadata: { name: 'failing' },
    spec: {
      generate: {
        command: ['sh', '-c'],
        args: ['echo "warming up" >&2; echo "values.yaml: line 3: bad indent" >&2; exit 3'],
      },
    },
  },
  { metadata: { name: 'absolute' }, spec: { generate: { command: ['/bin/sh', '-c', 'true'] } } },
  { metadata: { name: 'not-granted' }, spec: { generate: { command: ['python3', '-c', 'print(1)'] } } },
]
  .map((definition) =>
    JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ConfigManagementPlugin', ...definition }),
  )
  .join('\n---\n');

let harness: PluginTestHarness;
let cmp: TestPlugin<'renderer'>;
let scratch: string;

async function repoWith(files: FileTree): Promise<string> {
  const root = await mkdtemp(join(scratch, 'repo-'));
  await writeTree(root, files);
  return root;
}

function input(options: Record<string, unknown>, path = 'app'): RendererInput {
  return {
    path,
    options,
    app: testApplication({ name: 'web', kubeVersion: 'v1.31.2', apiVersions: ['v1', 'apps/v1'] }),
    settings: { configManagementPlugins: definitions },
  };
}

const render = async (workspaceDir: string, options: Record<string, unknown>) =>
  (await cmp.call('render', input(options), { workspaceDir })).output.manifests;

const renderError = (workspaceDir: string, options: Record<string, unknown>) =>
  render(workspaceDir, options).then(
    () => {
      throw new Error('render succeeded');
    },
    (error: Error) => error.message,
  );

const dataOf = (manifests: KubeObject[]) => (manifests[0] as KubeObject & { data: Record<string, string> }).data;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'driftless-cmp-spec-'));
  harness = await PluginTestHarness.start({ size: 1 });
  cmp = await harness.load<'renderer'>({ packageDir: join(__dirname, '..'), entry: 'src/plugin.ts' });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('builtin.cmp in the sandbox', () => {
  it('selects a plugin by name, and a versioned one by <name>-<version>', async () => {
    const repo = await repoWith({ 'app/README': 'x' });
    expect((await render(repo, { name: 'named' }))[0]?.metadata.name).toBe('named');
    expect((await render(repo, { name: 'versioned-v1.0' }))[0]?.metadata.name).toBe('versioned');
    expect(await renderError(repo, { name: 'versioned' })).toMatch(
      /application "web": no config management plugin named "versioned" \(configured: .*versioned-v1.0.*<name>-<version>\)/,
    );
  });

  it('discovers by fileName, find.glob and find.command, first by name', async () => {
    const byFile = await repoWith({ 'app/values.envsubst': 'x', 'app/main.jsonnet': '{}' });
    const byGlob = await repoWith({ 'app/lib/deep/main.jsonnet': '{}' });
    const byCommand = await repoWith({ 'app/marker.cue': '' });
    const none = await repoWith({ 'app/README': 'x' });
    const detect = async (workspaceDir: string) => (await cmp.call('detect', input({}), { workspaceDir })).output;
    expect(await detect(byFile)).toEqual({ matches: true, name: 'b-by-file' });
    expect(await detect(byGlob)).toEqual({ matches: true, name: 'c-by-glob' });
    expect(await detect(byCommand)).toEqual({ matches: true, name: 'd-by-command' });
    expect(await detect(none)).toEqual({ matches: false });
    expect((await render(byGlob, {}))[0]?.metadata.name).toBe('by-glob');
    expect(await renderError(none, {})).toMatch(
      /application "web": no config management plugin's discover rule matches/,
    );
  });

  it('runs init before generate in the same private copy', async () => {
    const repo = await repoWith({ 'app/values.envsubst': 'x' });
    expect(dataOf(await render(repo, { name: 'b-by-file' }))).toEqual({ init: 'initialised' });
  });

  it('refuses a named plugin whose discover rule does not match, as Argo CD does', async () => {
    const repo = await repoWith({ 'app/README': 'x' });
    expect(await renderError(repo, { name: 'c-by-glob' })).toMatch(
      /config management plugin "c-by-glob" does not support this application/,
    );
  });

  it('passes the build environment, and plugin.env only as ARGOCD_ENV_* (BI-CMP-1)', async () => {
    const repo = await repoWith({ 'app/README': 'x' });
    const data = dataOf(
      await render(repo, {
        name: 'env',
        env: [
          { name: 'FOO', value: 'bar-$ARGOCD_APP_NAME' },
          { name: 'PATH', value: '/tmp' },
          { name: 'NODE_OPTIONS', value: '--require /tmp/x.js' },
        ],
        parameters: [
          { name: 'tag', string: 'v2' },
          { name: 'regions', array: ['eu'] },
        ],
      }),
    );
    expect(data).toMatchObject({
      name: 'web',
      namespace: 'prod',
      project: 'default',
      revisionShort: '0123456',
      sourcePath: 'app',
      repoURL: 'https://git.example.com/apps.git',
      targetRevision: 'main',
      kubeVersion: '1.31.2',
      apiVersions: 'v1,apps/v1',
      envFoo: 'bar-web',
      envPath: '/tmp',
      envNodeOptions: '--require /tmp/x.js',
      nodeOptions: 'unset',
      paramTag: 'v2',
      paramRegion0: 'eu',
      parameters: '[{"name":"tag","string":"v2"},{"array":["eu"],"name":"regions"}]\n',
    });
    expect(data.path).not.toContain('/tmp:');
    expect(data.path).not.toBe('/tmp');
  });

  it('resets file modes in the copy: no executable or setuid repository files (BI-CMP-2)', async () => {
    const repo = await repoWith({ 'app/run.sh': '#!/bin/sh\necho ran\n' });
    await chmod(join(repo, 'app/run.sh'), 0o4755);
    const data = dataOf(await render(repo, { name: 'modes' }));
    expect(data.mode).toBe('644');
    expect(data.run).toMatch(/Permission denied/);
  });

  it('reports a failing generate in one line', async () => {
    const repo = await repoWith({ 'app/README': 'x' });
    const message = await renderError(repo, { name: 'failing' });
    expect(message).toMatch(
      /^PLUGIN_CALL_FAILED: .*application "web": config management plugin "failing": generate failed with exit code 3: values.yaml: line 3: bad indent$/,
    );
  });

  it('runs only bare, granted binaries', async () => {
    const repo = await repoWith({ 'app/README': 'x' });
    expect(await renderError(repo, { name: 'absolute' })).toMatch(
      /generate command "\/bin\/sh" must be a bare binary name/,
    );
    expect(await renderError(repo, { name: 'not-granted' })).toMatch(
      /^PLUGIN_CAPABILITY_DENIED: .*application "web": exec of python3 is not granted/,
    );
  });
});
