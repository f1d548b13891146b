// builtin.kustomize bundled and run in the real sandbox against temporary
// workspaces with the real kubectl. Each Application option is checked
// against what Argo CD builds: the same fields written into the app's own
// kustomization (what its `kustomize edit` commands do), built by kubectl.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dump, load, loadAll } from 'js-yaml';
import { PluginTestHarness, type TestPlugin } from '@driftless/plugin-sdk';
import { type FileTree, testApplication, writeTree } from '@driftless/render-kit/testing';
import { kubectlBinary, toolsBin } from '../../../test/support/tools';

const run = promisify(execFile);

const app = testApplication();

const repo: FileTree = {
  'base/kustomization.yaml':
    'resources:\n- deployment.yaml\n- service.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [mode=base]\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  replicas: 1',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx:1.25',
    '        envFrom: [{configMapRef: {name: settings}}]',
    '      - name: sidecar',
    '        image: busybox',
  ].join('\n'),
  'base/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
  'app/kustomization.yaml':
    'resources:\n- ../base\nimages:\n- name: busybox\n  newName: mirror.example.com/busybox\n  newTag: "1.36"\n',
  'app/patch.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {annotations: {patched: from-file}}\n',
  'components/extra/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [extra.yaml]\n',
  'components/extra/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n',
};

describe('builtin.kustomize in the sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'renderer'>;
  let root: string;
  let workspace: string;

  beforeAll(async () => {
    harness = await PluginTestHarness.start({ size: 1, toolDirs: [toolsBin] });
    plugin = await harness.load<'renderer'>({ packageDir: join(__dirname, '..'), entry: 'src/plugin.ts' });
    root = await mkdtemp(join(tmpdir(), 'driftless-kustomize-'));
    workspace = join(root, 'repo');
    await writeTree(workspace, repo);
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  function render(options: Record<string, unknown> = {}, settings: Record<string, string> = {}, path = 'app') {
    return plugin.call('render', { path, options, app, settings }, { workspaceDir: workspace });
  }

  /** Argo CD's result: the fields its `kustomize edit` commands write, in the app's kustomization, built by kubectl. */
  async function argoBuild(fields: Record<string, unknown>): Promise<unknown[]> {
    const copy = await mkdtemp(join(root, 'argo-'));
    await cp(workspace, copy, { recursive: true });
    const file = join(copy, 'app/kustomization.yaml');
    const kustomization = load(await readFile(file, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) {
      const existing = kustomization[key];
      // `edit set image` replaces the entry of the same name; other list edits append.
      const named = (entry: unknown) => (entry as { name?: string }).name;
      kustomization[key] =
        Array.isArray(existing) && Array.isArray(value)
          ? [
              ...existing.filter((entry) => key !== 'images' || !value.some((added) => named(added) === named(entry))),
              ...value,
            ]
          : value;
    }
    await writeFile(file, dump(kustomization));
    const { stdout } = await run(kubectlBinary, ['kustomize', 'app'], { cwd: copy });
    return loadAll(stdout);
  }

  it('builds the app with its base in ../base, listing both as dependencies', async () => {
    const { output } = await render();
    expect(output.manifests).toEqual(await argoBuild({}));
    expect(output.manifests.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([
      expect.stringMatching(/^ConfigMap\/settings-/),
      'Service/web',
      'Deployment/web',
    ]);
    expect(output.dependencies).toEqual(['app', 'base']);
    expect(output.external).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['namePrefix and nameSuffix', { namePrefix: 'p-', nameSuffix: '-s' }, { namePrefix: 'p-', nameSuffix: '-s' }],
    [
      'images in each form, merged with the app entry of the same name',
      { images: ['nginx=registry.example.com/nginx:1.27', 'busybox:1.37'] },
      {
        images: [
          { name: 'nginx', newName: 'registry.example.com/nginx', newTag: '1.27' },
          { name: 'busybox', newName: 'mirror.example.com/busybox', newTag: '1.37' },
        ],
      },
    ],
    ['an image by digest', { images: ['nginx@sha256:0123'] }, { images: [{ name: 'nginx', digest: 'sha256:0123' }] }],
    [
      'commonLabels (ARGOCD_APP_* substituted) into selectors',
      { commonLabels: { team: 'web', app_name: '$ARGOCD_APP_NAME' } },
      { commonLabels: { team: 'web', app_name: 'guestbook' } },
    ],
    [
      'labelWithoutSelector with labelIncludeTemplates',
      { commonLabels: { team: 'web' }, labelWithoutSelector: true, labelIncludeTemplates: true },
      { labels: [{ pairs: { team: 'web' }, includeSelectors: false, includeTemplates: true }] },
    ],
    [
      'commonAnnotations with commonAnnotationsEnvsubst',
      { commonAnnotations: { rev: '${ARGOCD_APP_REVISION_SHORT}', raw: '$X' }, commonAnnotationsEnvsubst: true },
      { commonAnnotations: { rev: '0123456', raw: '' } },
    ],
    ['namespace', { namespace: 'team-a' }, { namespace: 'team-a' }],
    ['replicas', { replicas: [{ name: 'web', count: '3' }] }, { replicas: [{ name: 'web', count: 3 }] }],
    [
      'patches inline with a target, and from a path',
      {
        patches: [
          { patch: '- op: add\n  path: /metadata/labels\n  value: {patched: inline}', target: { kind: 'Service' } },
          { path: 'patch.yaml' },
        ],
      },
      {
        patches: [
          { patch: '- op: add\n  path: /metadata/labels\n  value: {patched: inline}', target: { kind: 'Service' } },
          { path: 'patch.yaml' },
        ],
      },
    ],
    [
      'components, ignoring a missing one when asked',
      { components: ['../components/extra', '../components/missing'], ignoreMissingComponents: true },
      { components: ['../components/extra'] },
    ],
  ])('%s gives what Argo CD builds', async (_name, options, edited) => {
    const { output } = await render(options);
    expect(output.manifests).toEqual(await argoBuild(edited));
  });

  it('lists component directories as dependencies', async () => {
    const { output } = await render({ components: ['../components/extra'] });
    expect(output.dependencies).toEqual(['app', 'base', 'components/extra']);
  });

  it('refuses a label the app kustomization already sets, unless forced, as kustomize edit does', async () => {
    await writeFile(
      join(workspace, 'labelled/kustomization.yaml'),
      'resources: [../base]\ncommonLabels: {team: old}\n',
    ).catch(async () => {
      await mkdir(join(workspace, 'labelled'));
      await writeFile(
        join(workspace, 'labelled/kustomization.yaml'),
        'resources: [../base]\ncommonLabels: {team: old}\n',
      );
    });
    await expect(render({ commonLabels: { team: 'new' } }, {}, 'labelled')).rejects.toThrow(
      'kustomize app "labelled": label "team" is already in the kustomization file; set forceCommonLabels to override it',
    );
    const { output } = await render({ commonLabels: { team: 'new' }, forceCommonLabels: true }, {}, 'labelled');
    expect(output.manifests.every((object) => (object.metadata.labels as Record<string, string>).team === 'new')).toBe(
      true,
    );
  });

  it('applies kustomize.buildOptions from settings', async () => {
    await mkdir(join(workspace, 'outside-root'), { recursive: true });
    await writeFile(join(workspace, 'outside-root/kustomization.yaml'), 'resources: [../base/service.yaml]\n');
    await expect(render({}, {}, 'outside-root')).rejects.toThrow(
      /kustomize app "outside-root": kustomize build failed: .*(is not in or below|security)/,
    );
    const { output } = await render(
      {},
      { 'kustomize.buildOptions': '--load-restrictor LoadRestrictionsNone' },
      'outside-root',
    );
    expect(output.manifests.map((object) => object.kind)).toEqual(['Service']);
    await expect(render({}, { 'kustomize.buildOptions': '-o out.yaml' })).rejects.toThrow(
      'kustomize.buildOptions may not contain -o',
    );
  });

  it('reports a kustomize error as one line naming the app', async () => {
    await mkdir(join(workspace, 'broken'), { recursive: true });
    await writeFile(join(workspace, 'broken/kustomization.yaml'), 'resources: [missing.yaml]\n');
    const error = await render({}, {}, 'broken').then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(/kustomize app "broken": kustomize build failed: .*missing\.yaml/);
    expect(error?.message).not.toMatch(/driftless-(exec|ws-copy)-|\/tmp\/|\n/);
  });

  it('BI-SYM-1: fails on a link that leaves the workspace, naming it, without its content', async () => {
    await mkdir(join(workspace, 'linked'), { recursive: true });
    await writeFile(join(workspace, 'linked/kustomization.yaml'), 'resources: [../base]\n');
    await symlink('/etc/passwd', join(workspace, 'linked/values.yaml'));
    const error = await render({}, {}, 'linked').then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(/kustomize app "linked": .*"linked\/values.yaml" is an out-of-bounds symlink/);
    expect(error?.message).not.toContain('root:');
    await rm(join(workspace, 'linked'), { recursive: true });
  });

  it('marks a remote base as external and fails offline with one line', async () => {
    await mkdir(join(workspace, 'remote'), { recursive: true });
    await writeFile(
      join(workspace, 'remote/kustomization.yaml'),
      'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n',
    );
    const error = await render({}, {}, 'remote').then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(/^.*kustomize app "remote": kustomize build failed: /);
  });
});
