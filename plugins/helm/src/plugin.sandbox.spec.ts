// builtin.helm in the real sandbox, with the real helm binary, against charts
// written to temp directories: options, precedence, `$ref` value files,
// hooks, file:// dependencies, and the path-traversal and symlink rows of the
// security brief (BI-PT-1/2/3, BI-SYM-1).
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginTestHarness, type KubeObject, type RendererInput, type TestPlugin } from '@driftless/plugin-sdk';
import { type FileTree, testApplication, writeTree } from '@driftless/render-kit/testing';
import { toolsBin } from '../../../test/support/tools';

const chart: FileTree = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'values.yaml': 'a: chart\nb: chart\nc: chart\nd: chart\ne: chart\nreplicas: 1\n',
  'templates/config.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-config',
    '  namespace: {{ .Release.Namespace }}',
    'data:',
    '  a: {{ .Values.a | quote }}',
    '  b: {{ .Values.b | quote }}',
    '  c: {{ .Values.c | quote }}',
    '  d: {{ .Values.d | quote }}',
    '  e: {{ .Values.e | quote }}',
    '  replicasType: {{ kindOf .Values.replicas | quote }}',
    '  kube: {{ .Capabilities.KubeVersion.Version | quote }}',
    '  hasWidget: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}',
    '  {{- with .Values.file }}',
    '  file: {{ . | quote }}',
    '  {{- end }}',
    '',
  ].join('\n'),
  'templates/empty.yaml': '# nothing rendered here\n',
  'templates/hook.yaml': [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: migrate',
    '  annotations:',
    '    helm.sh/hook: pre-install,pre-upgrade',
    '    helm.sh/hook-weight: "-1"',
    '    helm.sh/hook-delete-policy: before-hook-creation',
    'spec:',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers: [{name: m, image: busybox}]',
    '',
  ].join('\n'),
  'templates/tests/test-connection.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: test-connection',
    '  annotations: {helm.sh/hook: test}',
    'spec: {containers: [{name: t, image: busybox}]}',
    '',
  ].join('\n'),
  'crds/widget.yaml': [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    '',
  ].join('\n'),
  'values-one.yaml': 'a: one\nb: one\nc: one\nd: one\n',
  'values-two.yaml': 'b: two\nc: two\nd: two\n',
  'config.txt': 'from a file',
};

let harness: PluginTestHarness;
let helm: TestPlugin<'renderer'>;
let scratch: string;
let repo: string;
let refRepo: string;

function input(options: Record<string, unknown> = {}, overrides: Partial<RendererInput> = {}): RendererInput {
  return {
    path: 'apps/web',
    options,
    app: testApplication({ name: 'web', kubeVersion: 'v1.31.2-eks-1234', apiVersions: ['v1', 'apps/v1', 'batch/v1'] }),
    settings: {},
    ...overrides,
  };
}

async function render(
  options: Record<string, unknown> = {},
  overrides: Partial<RendererInput> = {},
  workspaceDir = repo,
) {
  return (await helm.call('render', input(options, overrides), { workspaceDir, workspaceRefs: { values: refRepo } }))
    .output;
}

async function renderError(
  options: Record<string, unknown>,
  overrides: Partial<RendererInput> = {},
  workspaceDir = repo,
) {
  return render(options, overrides, workspaceDir).then(
    () => {
      throw new Error('render succeeded');
    },
    (error: Error) => error.message,
  );
}

const configOf = (manifests: KubeObject[]) =>
  manifests.find(({ kind }) => kind === 'ConfigMap') as KubeObject & {
    data: Record<string, string>;
  };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'driftless-helm-spec-'));
  repo = join(scratch, 'repo');
  refRepo = join(scratch, 'ref');
  await writeTree(
    repo,
    Object.fromEntries(Object.entries(chart).map(([path, content]) => [`apps/web/${path}`, content])),
  );
  await writeTree(refRepo, { 'env/prod.yaml': 'e: ref\n' });
  harness = await PluginTestHarness.start({ size: 1, toolDirs: [toolsBin] });
  helm = await harness.load<'renderer'>({ packageDir: join(__dirname, '..'), entry: 'src/plugin.ts' });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('builtin.helm in the sandbox', () => {
  it('renders the chart with the app name, destination namespace, kube version and API versions', async () => {
    const output = await render();
    expect(output.manifests.map(({ kind }) => kind)).toEqual(['CustomResourceDefinition', 'ConfigMap', 'Pod', 'Job']);
    const config = configOf(output.manifests);
    expect(config.metadata).toEqual({ name: 'web-config', namespace: 'prod' });
    expect(config.data).toMatchObject({ a: 'chart', kube: 'v1.31.2', hasWidget: 'false', replicasType: 'float64' });
    expect(output.dependencies).toEqual(['apps/web']);
  });

  it('keeps helm hooks and tests as helm prints them (the sync engine reads their annotations)', async () => {
    const { manifests } = await render();
    const job = manifests.find(({ kind }) => kind === 'Job');
    expect(job?.metadata.annotations).toEqual({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-weight': '-1',
      'helm.sh/hook-delete-policy': 'before-hook-creation',
    });
    const withoutTests = await render({ skipTests: true, skipCrds: true });
    expect(withoutTests.manifests.map(({ kind }) => kind)).toEqual(['ConfigMap', 'Job']);
  });

  it('applies releaseName, namespace, kubeVersion and apiVersions overrides', async () => {
    const config = configOf(
      (
        await render({
          releaseName: 'custom',
          namespace: 'other',
          kubeVersion: '1.29.0',
          apiVersions: ['example.com/v1/Widget'],
        })
      ).manifests,
    );
    expect(config.metadata).toEqual({ name: 'custom-config', namespace: 'other' });
    expect(config.data).toMatchObject({ kube: 'v1.29.0', hasWidget: 'true' });
  });

  it('layers value files, then values (valuesObject winning), then parameters, as Argo CD does', async () => {
    const output = await render({
      valueFiles: ['values-one.yaml', 'values-two.yaml', '$values/env/prod.yaml'],
      values: 'd: values\ne: values\n',
      valuesObject: { d: 'valuesObject' },
      parameters: [
        { name: 'c', value: 'param,with,commas' },
        { name: 'replicas', value: '3', forceString: true },
        { name: 'a', value: '$ARGOCD_APP_NAME-$ARGOCD_APP_REVISION_SHORT' },
      ],
      fileParameters: [{ name: 'file', path: 'config.txt' }],
    });
    expect(configOf(output.manifests).data).toMatchObject({
      a: 'web-0123456',
      b: 'two',
      c: 'param,with,commas',
      d: 'valuesObject',
      e: 'ref',
      replicasType: 'string',
      file: 'from a file',
    });
    expect(output.dependencies).toEqual([
      'apps/web',
      'apps/web/values-one.yaml',
      'apps/web/values-two.yaml',
      '$values/env/prod.yaml',
      'apps/web/config.txt',
    ]);
  });

  it('uses values when there is no valuesObject', async () => {
    expect(configOf((await render({ values: 'e: values\n' })).manifests).data.e).toBe('values');
  });

  it('skips missing value files only with ignoreMissingValueFiles', async () => {
    expect(
      configOf((await render({ valueFiles: ['missing.yaml'], ignoreMissingValueFiles: true })).manifests).data.a,
    ).toBe('chart');
    expect(await renderError({ valueFiles: ['missing.yaml'] })).toMatch(
      /application "web": value file "missing.yaml" does not exist/,
    );
  });

  it('skips schema validation only when asked', async () => {
    const dir = await mkdtemp(join(scratch, 'schema-'));
    await writeTree(dir, {
      'Chart.yaml': 'apiVersion: v2\nname: s\nversion: 1.0.0\n',
      'values.schema.json': JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }),
      'values.yaml': 'replicas: 1\n',
      'templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {r: {{ .Values.replicas | quote }}}\n',
    });
    const parameters = [{ name: 'replicas', value: 'many', forceString: true }];
    expect(await renderError({ parameters }, { path: '.' }, dir)).toMatch(
      /application "web": helm template failed: values don't meet .* at '\/replicas': got string, want integer$/,
    );
    const output = await render({ parameters, skipSchemaValidation: true }, { path: '.' }, dir);
    expect(configOf(output.manifests).data.r).toBe('many');
  });

  it('builds file:// chart dependencies that are not vendored', async () => {
    const dir = await mkdtemp(join(scratch, 'deps-'));
    await writeTree(dir, {
      'charts/common/Chart.yaml': 'apiVersion: v2\nname: common\nversion: 0.1.0\n',
      'charts/common/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: common}\n',
      'app/Chart.yaml': [
        'apiVersion: v2',
        'name: app',
        'version: 1.0.0',
        'dependencies:',
        '- name: common',
        '  version: 0.1.0',
        '  repository: file://../charts/common',
        '',
      ].join('\n'),
      'app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n',
    });
    const output = await render({}, { path: 'app' }, dir);
    expect(output.manifests.map(({ metadata }) => metadata.name).sort()).toEqual(['app', 'common']);
    expect(output.dependencies).toEqual(['app', 'charts/common']);
  });

  it('asks the kernel for repository dependencies that are not vendored, then renders with them provided', async () => {
    const dir = await mkdtemp(join(scratch, 'remote-deps-'));
    await writeTree(dir, {
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- {name: redis, version: 18.x, repository: https://charts.example.com}\n- {name: pg, version: 1.0.0, repository: oci://registry.example.com/charts}\n',
      'Chart.lock': 'dependencies:\n- {name: redis, repository: https://charts.example.com, version: 18.1.5}\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n',
    });
    const needs = [
      { repository: 'https://charts.example.com', name: 'redis', version: '18.1.5', into: 'charts/redis' },
      { repository: 'oci://registry.example.com/charts', name: 'pg', version: '1.0.0', into: 'charts/pg' },
    ];
    expect(await render({}, { path: '.' }, dir)).toEqual({ manifests: [], needs: { charts: needs } });

    // What the kernel fetched, as it hands it over: folders overlaid on the exec copy, and `provided`.
    const fetched = await mkdtemp(join(scratch, 'fetched-'));
    await writeTree(fetched, {
      'redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 18.1.5\n',
      'redis/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: redis-{{ .Release.Name }}}\n',
      'pg/Chart.yaml': 'apiVersion: v2\nname: pg\nversion: 1.0.0\n',
      'pg/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pg}\n',
    });
    const provided = needs.map((need) => ({ ...need, resolvedVersion: need.version }));
    const { output } = await helm.call('render', input({}, { path: '.', provided: { charts: provided } }), {
      workspaceDir: dir,
      overlays: { 'charts/redis': join(fetched, 'redis'), 'charts/pg': join(fetched, 'pg') },
    });
    expect(output.needs).toBeUndefined();
    expect(output.manifests.map(({ metadata }) => metadata.name).sort()).toEqual(['app', 'pg', 'redis-web']);
  });

  it('refuses a dependency from a repository alias, with a clear error', async () => {
    const dir = await mkdtemp(join(scratch, 'alias-deps-'));
    await writeTree(dir, {
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- {name: redis, version: 18.0.0, repository: "@bitnami"}\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n',
    });
    expect(await renderError({}, { path: '.' }, dir)).toMatch(
      /application "web": chart dependency "redis" is not in charts\/ .*\(use a repository URL, not an alias/,
    );
  });

  it('renders a repository dependency vendored in charts/ under another directory name', async () => {
    const dir = await mkdtemp(join(scratch, 'vendored-'));
    await writeTree(dir, {
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- {name: redis, version: 18.0.0, repository: https://charts.example.com}\n',
      'charts/bitnami-redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 18.0.0\n',
      'charts/bitnami-redis/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: redis}\n',
    });
    expect((await render({}, { path: '.' }, dir)).manifests.map(({ metadata }) => metadata.name)).toEqual(['redis']);
  });

  it('reports a failing template in one line', async () => {
    const dir = await mkdtemp(join(scratch, 'broken-'));
    await writeTree(dir, {
      'Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Values.missing.name }}}\n',
    });
    const message = await renderError({}, { path: '.' }, dir);
    expect(message).toMatch(
      /application "web": helm template failed: b\/templates\/cm.yaml:3:27 executing .* nil pointer/,
    );
    expect(message).not.toContain('\n');
  });

  describe('value files outside the repository (BI-PT-1/2/3)', () => {
    it.each([
      ['../../../../etc/passwd', /value file "..\/..\/..\/..\/etc\/passwd" resolves outside the repository/],
      ['..%2f..%2fetc/passwd', /value file "..%2f..%2fetc\/passwd" does not exist/],
      ['values.yaml/../../../../x', /resolves outside the repository/],
      ['/etc/passwd', /value file "\/etc\/passwd" does not exist/],
      ['file:///etc/passwd', /the URL scheme "file" is not allowed/],
      ['gopher://x', /the URL scheme "gopher" is not allowed/],
      ['$values/../../../etc/passwd', /resolves outside the repository of source \$values/],
    ])('rejects %s before helm runs', async (valueFile, expected) => {
      const message = await renderError({ valueFiles: [valueFile] });
      expect(message).toMatch(/^PLUGIN_CALL_FAILED: .*application "web": /);
      expect(message).toMatch(expected);
      expect(message).not.toMatch(/root:|nologin/);
    });

    it('asks the kernel for http(s) value files (it fetches them within its egress policy), then uses them', async () => {
      const options = {
        valueFiles: ['values-one.yaml', 'https://config.example/prod.yaml', 'http://169.254.169.254/latest/meta-data/'],
        ignoreMissingValueFiles: true,
      };
      expect(await render(options)).toEqual({
        manifests: [],
        needs: {
          files: [
            { url: 'https://config.example/prod.yaml', into: '.driftless-remote/values-1.yaml', optional: true },
            {
              url: 'http://169.254.169.254/latest/meta-data/',
              into: '.driftless-remote/values-2.yaml',
              optional: true,
            },
          ],
        },
      });
      // Second call: the kernel fetched the first (the second was refused or missing: left out, ignored).
      const fetched = await mkdtemp(join(scratch, 'remote-values-'));
      await writeTree(fetched, { 'prod.yaml': 'a: remote\n' });
      const provided = {
        files: [{ url: 'https://config.example/prod.yaml', into: '.driftless-remote/values-1.yaml' }],
      };
      const { output } = await helm.call('render', input(options, { provided }), {
        workspaceDir: repo,
        workspaceRefs: { values: refRepo },
        overlays: { '.driftless-remote/values-1.yaml': join(fetched, 'prod.yaml') },
      });
      expect(output.needs).toBeUndefined();
      // The remote file came after values-one.yaml, so its value wins.
      expect(JSON.stringify(output.manifests)).toContain('"a":"remote"');
    });

    it('rejects a file parameter outside the repository', async () => {
      expect(await renderError({ fileParameters: [{ name: 'x', path: '../../../etc/passwd' }] })).toMatch(
        /file parameter x \("..\/..\/..\/etc\/passwd"\) resolves outside the repository/,
      );
    });

    it('allows no URL scheme at all when helm.valuesFileSchemes is empty', async () => {
      expect(
        await renderError(
          { valueFiles: ['https://example.com/v.yaml'] },
          { settings: { 'helm.valuesFileSchemes': '' } },
        ),
      ).toMatch(/the URL scheme "https" is not allowed \(helm.valuesFileSchemes allows none\)/);
    });
  });

  describe('symlinks (BI-SYM-1)', () => {
    let linked: string;
    beforeAll(async () => {
      linked = await mkdtemp(join(scratch, 'symlink-'));
      await writeTree(linked, {
        'Chart.yaml': chart['Chart.yaml']!,
        'templates/config.yaml': chart['templates/config.yaml']!,
      });
      await symlink('/etc/passwd', join(linked, 'values-prod.yaml'));
    });

    it('names a value file that links out of the repository an out-of-bounds symlink', async () => {
      const message = await renderError({ valueFiles: ['values-prod.yaml'] }, { path: '.' }, linked);
      expect(message).toMatch(/application "web": value file "values-prod.yaml" is an out-of-bounds symlink/);
      expect(message).not.toMatch(/root:|nologin/);
    });

    it('refuses to run helm over a repository with such a link at all', async () => {
      const message = await renderError({}, { path: '.' }, linked);
      expect(message).toMatch(/application "web": .*out-of-bounds symlink/);
      expect(message).not.toMatch(/root:|nologin/);
    });

    it('accepts a link that stays inside the repository (BI-SYM-3)', async () => {
      const dir = await mkdtemp(join(scratch, 'inside-link-'));
      await writeTree(dir, { ...chart, 'shared/prod.yaml': 'a: linked\n' });
      await symlink('shared/prod.yaml', join(dir, 'prod.yaml'));
      expect(configOf((await render({ valueFiles: ['prod.yaml'] }, { path: '.' }, dir)).manifests).data.a).toBe(
        'linked',
      );
    });
  });
});
