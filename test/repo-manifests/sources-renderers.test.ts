// Every source against the renderers, end to end through the repo-server
// role: repositories and credentials declared as Argo CD Secrets and
// ConfigMaps in the embedded cluster — git over HTTP with basic auth, a
// bearer token, a TLS client certificate with a CA from argocd-tls-certs-cm
// and a GitHub App; an sshd reached through a credential template with known
// hosts; a Helm repository with basic auth and a real OCI registry with a
// password — rendered by the directory, Jsonnet, Kustomize, Helm and
// config-management plugins with real jsonnet, kubectl kustomize and helm.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { type ApplicationSource } from '@driftless/schema';
import { ManifestService } from '../../core/src/repo/manifests/manifest.service';
import { type ManifestRequest } from '../../core/src/repo/manifests/manifest-request';
import { packageChart, indexRepository, startHelmRepoServer, startOciRegistry } from '../support/chart-servers';
import type { HelmRepoServer, OciRegistry } from '../support/chart-servers';
import {
  generateSshKeyPair,
  makeGitHubApp,
  makeRepo,
  makeTestCertificates,
  startFakeGitHubApi,
  startGitHttpServer,
  startGitSshServer,
  type FakeGitHubApi,
  type GitHttpServer,
  type GitSshServer,
  type TestRepo,
} from '../support/git-servers';
import { useKernelFixture } from '../support/kernel-fixture';
import { startLocalServer, type LocalServer } from '../support/local-server';
import { removeTestDir } from '../repo-git/helpers';

const gitPassword = 'git-canary-5b1e';
const chartPassword = 'chart-canary-90c4';
const wrongPassword = 'wrong-canary-77aa';
const bearerToken = 'bearer-canary-2d9f';
const registryPassword = 'registry-canary-c3e1';
const installationToken = 'ghs_canaryInstallation4b7e';

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

const appFiles = {
  'plain/config.yaml': configMap('plain', 'top'),
  'plain/nested/more.yaml': `${configMap('nested-a', 'a')}---\n${configMap('nested-b', 'b')}`,
  'plain/nested/list.json': JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'listed' }, spec: { ports: [{ port: 80 }] } }],
  }),
  'plain/nested/notes.txt': 'not a manifest\n',
  'kust/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'kust/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector: { matchLabels: { app: web } }',
    '  template:',
    '    metadata: { labels: { app: web } }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.25',
    '',
  ].join('\n'),
  // Kustomize inflating a chart (helmCharts), with --enable-helm in argocd-cm's build options.
  'kust-helm/kustomization.yaml':
    'helmGlobals:\n  chartHome: charts\nhelmCharts:\n  - name: inflated\n    releaseName: via-kustomize\n    valuesInline:\n      colour: red\n',
  'kust-helm/charts/inflated/Chart.yaml': 'apiVersion: v2\nname: inflated\nversion: 0.1.0\n',
  'kust-helm/charts/inflated/values.yaml': 'colour: blue\n',
  'kust-helm/charts/inflated/templates/config.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  colour: {{ .Values.colour }}\n  kube: "{{ .Capabilities.KubeVersion.Version }}"\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: local\nversion: 0.1.0\n',
  'chart/values.yaml': 'replicas: 1\ncolour: blue\n',
  'chart/values-prod.yaml': 'colour: green\n',
  'chart/templates/config.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'data:',
    '  replicas: "{{ .Values.replicas }}"',
    '  colour: {{ .Values.colour }}',
    '  namespace: {{ .Release.Namespace }}',
    '',
  ].join('\n'),
  'jsonnet/main.jsonnet': [
    'function(replicas) {',
    "  apiVersion: 'v1', kind: 'ConfigMap',",
    "  metadata: { name: 'jsonnet-' + std.extVar('env') },",
    '  data: { replicas: std.toString(replicas * 2) },',
    '}',
    '',
  ].join('\n'),
  'cmp/app.envsubst': 'marker\n',
  'values/prod.yaml': 'replicas: 7\n',
};

// A config management plugin as an argocd-cmp-cm entry: discovered by file name, run with sh.
const envsubstPlugin = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: ConfigManagementPlugin',
  'metadata:',
  '  name: echo-env',
  'spec:',
  '  generate:',
  '    command: [sh, -c]',
  '    args:',
  '      - |',
  '        printf "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cmp-%s\\ndata:\\n  tier: \\"%s\\"\\n  tag: \\"%s\\"\\n" "$ARGOCD_APP_NAME" "$ARGOCD_ENV_TIER" "$PARAM_IMAGE_TAG"',
  '  discover:',
  '    fileName: "./*.envsubst"',
  '',
].join('\n');

describe('sources × renderers through the repo-server', () => {
  let base: string;
  let http: GitHttpServer;
  let ssh: GitSshServer;
  let helmRepo: HelmRepoServer;
  let registry: OciRegistry;
  let bearer: GitHttpServer;
  let mutualTls: GitHttpServer;
  let githubGit: GitHttpServer;
  let githubApi: FakeGitHubApi;
  let valuesServer: LocalServer;
  let apps: TestRepo;
  let deps: TestRepo;
  let sshRepo: TestRepo;

  const secret = (name: string, type: 'repository' | 'repo-creds', data: Record<string, string>) => ({
    metadata: { name, labels: { 'argocd.argoproj.io/secret-type': type } },
    stringData: data,
  });

  const fixture = useKernelFixture({
    roles: ['repo-server'],
    env: { DRIFTLESS_ALLOW_FILE_URLS: 'false' },
    prepare: async (cluster, namespace) => {
      base = await mkdtemp(join(tmpdir(), 'driftless-sources-renderers-'));
      const sshKey = await generateSshKeyPair();
      apps = await makeRepo(join(base, 'repos', 'apps.git'), appFiles, { tags: ['v1.0.0'] });
      await makeRepo(join(base, 'repos', 'locked.git'), { 'app/config.yaml': configMap('locked', 'x') });
      sshRepo = await makeRepo(join(base, 'ssh', 'infra.git'), { 'app/config.yaml': configMap('over-ssh', 'yes') });
      http = await startGitHttpServer({
        reposRoot: join(base, 'repos'),
        basicAuth: { username: 'git-user', password: gitPassword },
      });
      ssh = await startGitSshServer({ authorizedKey: sshKey.publicKey });
      // Helm value files by URL.
      valuesServer = await startLocalServer((request, response) => {
        if (request.url === '/prod.yaml') response.writeHead(200).end('colour: from-a-url\n');
        else response.writeHead(404).end();
      });
      // The same repositories behind the other credential kinds Argo CD reads from Secrets.
      const certificates = await makeTestCertificates();
      const githubApp = makeGitHubApp();
      githubApi = await startFakeGitHubApi(githubApp, installationToken);
      [bearer, mutualTls, githubGit] = await Promise.all([
        startGitHttpServer({ reposRoot: join(base, 'repos'), bearerToken }),
        startGitHttpServer({
          reposRoot: join(base, 'repos'),
          tls: { key: certificates.serverKey, cert: certificates.serverCert, clientCa: certificates.caCert },
        }),
        startGitHttpServer({
          reposRoot: join(base, 'repos'),
          basicAuth: { username: 'x-access-token', password: installationToken },
        }),
      ]);

      const chartsDir = join(base, 'charts');
      await packageChart(chartsDir, 'web', '1.2.0');
      await packageChart(chartsDir, 'web', '2.0.0');
      await indexRepository(chartsDir);
      helmRepo = await startHelmRepoServer({
        dir: chartsDir,
        basicAuth: { username: 'chart-user', password: chartPassword },
      });
      registry = await startOciRegistry({ htpasswd: { username: 'registry-user', password: registryPassword } });
      await registry.push(await packageChart(join(base, 'oci'), 'api', '0.3.0'), 'charts');
      // A chart in git whose dependencies come from both chart servers (fetched by the kernel).
      deps = await makeRepo(join(base, 'repos', 'deps.git'), {
        'umbrella/Chart.yaml': [
          'apiVersion: v2',
          'name: umbrella',
          'version: 1.0.0',
          'dependencies:',
          `  - {name: web, version: "^1.0.0", repository: "${helmRepo.url}"}`,
          `  - {name: api, version: 0.3.0, repository: "oci://${registry.host}/charts"}`,
          '',
        ].join('\n'),
        'umbrella/values.yaml': 'web:\n  replicas: 9\n',
        'umbrella/templates/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: umbrella\n',
      });

      const core = cluster.connection.kubeConfig.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      const secrets = [
        secret('repo-apps', 'repository', {
          url: `${http.url}/apps.git`,
          username: 'git-user',
          password: gitPassword,
        }),
        // The same repository for project team-a only, with credentials that do not work there.
        secret('repo-apps-team-a', 'repository', {
          url: `${http.url}/apps.git`,
          project: 'team-a',
          username: 'git-user',
          password: wrongPassword,
        }),
        secret('repo-locked', 'repository', {
          url: `${http.url}/locked.git`,
          username: 'git-user',
          password: wrongPassword,
        }),
        // A credential template: every repository under the sshd's URL prefix uses this key.
        secret('creds-ssh', 'repo-creds', {
          url: ssh.urlFor(join(base, 'ssh')),
          sshPrivateKey: sshKey.privateKey,
        }),
        secret('repo-charts', 'repository', {
          type: 'helm',
          name: 'charts',
          url: helmRepo.url,
          username: 'chart-user',
          password: chartPassword,
        }),
        secret('repo-oci', 'repository', {
          type: 'helm',
          enableOCI: 'true',
          url: `${registry.host}/charts`,
          username: 'registry-user',
          password: registryPassword,
        }),
        // A credential template for every other repository on the HTTP server (deps.git).
        secret('creds-http', 'repo-creds', { url: `${http.url}/`, username: 'git-user', password: gitPassword }),
        secret('repo-bearer', 'repository', { url: `${bearer.url}/apps.git`, bearerToken }),
        secret('repo-mtls', 'repository', {
          url: `${mutualTls.url}/apps.git`,
          tlsClientCertData: certificates.clientCert,
          tlsClientCertKey: certificates.clientKey,
        }),
        secret('repo-github', 'repository', {
          url: `${githubGit.url}/apps.git`,
          githubAppID: githubApp.appId,
          githubAppInstallationID: githubApp.installationId,
          githubAppPrivateKey: githubApp.privateKeyPem,
          githubAppEnterpriseBaseUrl: githubApi.url,
        }),
      ];
      for (const body of secrets) await core.createNamespacedSecret({ namespace, body });
      const configMaps: Record<string, Record<string, string>> = {
        'argocd-ssh-known-hosts-cm': { ssh_known_hosts: ssh.knownHosts },
        'argocd-cmp-cm': { 'echo-env.yaml': envsubstPlugin },
        'argocd-cm': { 'kustomize.buildOptions': '--enable-helm' },
        // The test CA, for the HTTPS server's name as Argo CD keys argocd-tls-certs-cm.
        'argocd-tls-certs-cm': { '127.0.0.1': certificates.caCert },
      };
      for (const [name, data] of Object.entries(configMaps))
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data } });
    },
  });

  afterAll(async () => {
    await Promise.allSettled(
      [http, ssh, helmRepo, registry, bearer, mutualTls, githubGit, githubApi, valuesServer].map((server) =>
        server?.close(),
      ),
    );
    if (base) await removeTestDir(base);
  });

  const request = (
    name: string,
    source: ApplicationSource,
    refSources?: ApplicationSource[],
    project = 'default',
  ): ManifestRequest => ({
    app: { name, namespace: fixture.namespace, project },
    source,
    ...(refSources ? { refSources } : {}),
    destination: { server: 'https://kubernetes.default.svc', namespace: 'prod' },
    kubeVersion: '1.34.0',
    apiVersions: [],
    tracking: { method: 'label', labelKey: 'app.kubernetes.io/instance' },
  });
  const generate = (name: string, source: ApplicationSource, refSources?: ApplicationSource[]) =>
    fixture.kernel.app.get(ManifestService).generate(request(name, source, refSources));
  const names = (manifests: { kind?: string; metadata?: { name?: string } }[]) =>
    manifests.map((manifest) => `${manifest.kind}/${manifest.metadata?.name}`).sort();
  const appsUrl = () => `${http.url}/apps.git`;

  it('git over HTTP with a repository Secret → directory: recurse, multi-document YAML, JSON List, non-manifests skipped', async () => {
    const response = await generate('plain', {
      repoURL: appsUrl(),
      path: 'plain',
      targetRevision: 'main',
      directory: { recurse: true },
    });
    expect(response).toMatchObject({ sourceType: 'Directory', revision: apps.commits[0] });
    expect(names(response.manifests)).toEqual([
      'ConfigMap/nested-a',
      'ConfigMap/nested-b',
      'ConfigMap/plain',
      'Service/listed',
    ]);
    expect(response.manifests[0]?.metadata?.labels).toEqual({ 'app.kubernetes.io/instance': 'plain' });

    const topOnly = await generate('plain-top', {
      repoURL: appsUrl(),
      path: 'plain',
      targetRevision: 'v1.0.0',
      directory: { recurse: true, include: '*.yaml', exclude: 'nested/more.yaml' },
    });
    expect(names(topOnly.manifests)).toEqual(['ConfigMap/plain']);
  });

  it('git → Jsonnet: extVars and code TLAs', async () => {
    const response = await generate('jsonnet', {
      repoURL: appsUrl(),
      path: 'jsonnet',
      targetRevision: 'main',
      directory: {
        jsonnet: { extVars: [{ name: 'env', value: 'prod' }], tlas: [{ name: 'replicas', value: '3', code: true }] },
      },
    });
    expect(response.sourceType).toBe('Directory');
    expect(response.manifests).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'jsonnet-prod' }), data: { replicas: '6' } }),
    ]);
  });

  it('git → Kustomize: detected from kustomization.yaml, with namePrefix, images and namespace from the Application', async () => {
    const response = await generate('kust', {
      repoURL: appsUrl(),
      path: 'kust',
      targetRevision: 'main',
      kustomize: { namePrefix: 'prod-', images: ['nginx=nginx:1.27'], namespace: 'web-prod' },
    });
    expect(response.sourceType).toBe('Kustomize');
    expect(response.manifests).toHaveLength(1);
    const [deployment] = response.manifests as unknown as {
      metadata: { name: string; namespace: string };
      spec: { template: { spec: { containers: { image: string }[] } } };
    }[];
    expect(deployment?.metadata).toMatchObject({ name: 'prod-web', namespace: 'web-prod' });
    expect(deployment?.spec.template.spec.containers[0]?.image).toBe('nginx:1.27');
  });

  it('git → Kustomize inflating a chart with helmCharts (--enable-helm from argocd-cm) on the bundled helm', async () => {
    const response = await generate('kust-helm', { repoURL: appsUrl(), path: 'kust-helm', targetRevision: 'main' });
    expect(response.sourceType).toBe('Kustomize');
    expect(response.manifests).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'via-kustomize' }),
        data: { colour: 'red', kube: 'v1.34.0' },
      }),
    ]);
  });

  it('git → Helm: a chart in the repository with value files, values and parameters in Helm’s precedence', async () => {
    const response = await generate('local-chart', {
      repoURL: appsUrl(),
      path: 'chart',
      targetRevision: 'main',
      helm: {
        releaseName: 'rel',
        valueFiles: ['values-prod.yaml'],
        valuesObject: { replicas: 2 },
        parameters: [{ name: 'replicas', value: '5' }],
      },
    });
    expect(response.sourceType).toBe('Helm');
    expect(response.manifests).toEqual([
      expect.objectContaining({
        kind: 'ConfigMap',
        metadata: expect.objectContaining({ name: 'rel' }),
        data: { replicas: '5', colour: 'green', namespace: 'prod' },
      }),
    ]);
  });

  it('git → Helm with value files by URL: fetched within the egress policy, missing ones ignored on request', async () => {
    const chart = (name: string, valueFiles: string[], ignoreMissingValueFiles = false) =>
      generate(name, {
        repoURL: appsUrl(),
        path: 'chart',
        targetRevision: 'main',
        helm: { valueFiles, ignoreMissingValueFiles },
      });
    const fetched = await chart('by-url', [`${valuesServer.url}/prod.yaml`, `${valuesServer.url}/absent.yaml`], true);
    expect(fetched.manifests[0]?.data).toMatchObject({ colour: 'from-a-url' });
    await expect(chart('absent-url', [`${valuesServer.url}/absent.yaml`])).rejects.toThrow(
      /absent-url: http:\/\/127\.0\.0\.1:\d+\/absent\.yaml does not exist \(HTTP 404\)/,
    );
    await expect(chart('metadata-url', ['http://169.254.169.254/latest/meta-data/'], true)).rejects.toThrow(
      /metadata-url: http:\/\/169\.254\.169\.254\/latest\/meta-data\/: .*may not connect to 169\.254\.169\.254/,
    );
  });

  it('git → config management plugin from argocd-cmp-cm: discovered by file, with ARGOCD_ENV_* and PARAM_*', async () => {
    const response = await generate('cmp', {
      repoURL: appsUrl(),
      path: 'cmp',
      targetRevision: 'main',
      plugin: {
        env: [{ name: 'TIER', value: 'gold-$ARGOCD_APP_NAME' }],
        parameters: [{ name: 'image-tag', string: 'v2' }],
      },
    });
    expect(response.sourceType).toBe('Plugin');
    expect(response.manifests).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'cmp-cmp' }),
        data: { tier: 'gold-cmp', tag: 'v2' },
      }),
    ]);
  });

  it('git over SSH with a credential template and known hosts → directory', async () => {
    const response = await generate('over-ssh', {
      repoURL: ssh.urlFor(sshRepo.dir),
      path: 'app',
      targetRevision: 'HEAD',
    });
    expect(response).toMatchObject({ sourceType: 'Directory', revision: sshRepo.commits[0] });
    expect(names(response.manifests)).toEqual(['ConfigMap/over-ssh']);
  });

  it('git with a bearer token, a TLS client certificate and custom CA, and a GitHub App, each from its Secret', async () => {
    for (const [name, server] of [
      ['by-bearer', bearer],
      ['by-client-cert', mutualTls],
      ['by-github-app', githubGit],
    ] as const) {
      const response = await generate(name, {
        repoURL: `${server.url}/apps.git`,
        path: 'plain',
        targetRevision: 'main',
      });
      expect([name, response.revision, names(response.manifests)]).toEqual([
        name,
        apps.commits[0],
        ['ConfigMap/plain'],
      ]);
    }
    expect(githubApi.exchanges).toBe(1);
  });

  it('Helm repository with basic auth: the newest version in a semver range, rendered with valuesObject', async () => {
    const response = await generate('from-repo', {
      repoURL: helmRepo.url,
      chart: 'web',
      targetRevision: '^1.0.0',
      helm: { valuesObject: { replicas: 4 } },
    });
    expect(response).toMatchObject({ sourceType: 'Helm', revision: '1.2.0' });
    expect(response.manifests).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'from-repo' }), data: { replicas: '4' } }),
    ]);
  });

  it('OCI registry with a username and password (enableOCI repository) → Helm', async () => {
    const response = await generate('from-oci', {
      repoURL: `${registry.host}/charts`,
      chart: 'api',
      targetRevision: '0.3.0',
    });
    expect(response).toMatchObject({ sourceType: 'Helm', revision: '0.3.0' });
    expect(names(response.manifests)).toEqual(['ConfigMap/from-oci']);
  });

  it('a chart in git with dependencies from a Helm repository and an OCI registry, fetched with their Secrets', async () => {
    const response = await generate('umbrella', {
      repoURL: `${http.url}/deps.git`,
      path: 'umbrella',
      targetRevision: 'main',
    });
    expect(response).toMatchObject({ sourceType: 'Helm', revision: deps.commits[0] });
    // The subcharts render under the umbrella's release name; web takes its values from the umbrella.
    expect(response.manifests.map((manifest) => [manifest.metadata?.name, manifest.data]).sort()).toEqual([
      ['umbrella', undefined],
      ['umbrella', { replicas: '1' }],
      ['umbrella', { replicas: '9' }],
    ]);
  });

  it('multi-source: a repository chart with a value file from a second source by $ref', async () => {
    const response = await generate(
      'multi',
      {
        repoURL: helmRepo.url,
        chart: 'web',
        targetRevision: '2.0.0',
        helm: { valueFiles: ['$values/values/prod.yaml'] },
      },
      [{ repoURL: appsUrl(), targetRevision: 'main', ref: 'values' }],
    );
    expect(response).toMatchObject({ revision: '2.0.0', refRevisions: { values: apps.commits[0] } });
    expect(response.manifests).toEqual([expect.objectContaining({ data: { replicas: '7' } })]);
  });

  it('a repository whose Secret has the wrong password fails in one line without the password', async () => {
    const failure = await generate('locked', {
      repoURL: `${http.url}/locked.git`,
      path: 'app',
      targetRevision: 'main',
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).not.toContain('\n');
    expect(failure?.message).toMatch(/locked\.git/);
    expect(failure?.message).toMatch(/authentication|credentials|401/i);
    for (const secretValue of [
      wrongPassword,
      gitPassword,
      chartPassword,
      bearerToken,
      registryPassword,
      installationToken,
    ])
      expect(`${failure?.message} ${failure?.stack ?? ''}`).not.toContain(secretValue);
  });

  it("uses a project's own repository Secret for its apps, and no other project's", async () => {
    const source = { repoURL: appsUrl(), path: 'plain', targetRevision: 'main' };
    const service = fixture.kernel.app.get(ManifestService);
    // team-b has no Secret of its own: it gets the unscoped one; team-a gets its scoped (wrong) one.
    await expect(service.generate(request('team-b-app', source, undefined, 'team-b'))).resolves.toMatchObject({
      revision: apps.commits[0],
    });
    await expect(
      service.generate({ ...request('team-a-app', source, undefined, 'team-a'), noCache: true }),
    ).rejects.toThrow(/team-a-app: authentication to repository .*apps\.git failed/);
  });

  it('a path that leaves the repository is refused before anything renders', async () => {
    await expect(generate('escape', { repoURL: appsUrl(), path: '../../etc', targetRevision: 'main' })).rejects.toThrow(
      'source path "../../etc" leaves the repository root',
    );
  });
});
