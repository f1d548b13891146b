// deploy/base: what `kubectl apply -k deploy/base` installs, built by the real
// kubectl (kustomize) and applied to the embedded cluster.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadAll } from 'js-yaml';
import { loadConfig } from '../../core/src/config/config.schema';
import { startTestCluster, type TestCluster } from '../support/test-cluster';

const execFileAsync = promisify(execFile);
const base = join(__dirname, '..', '..', 'deploy', 'base');

interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface Volume {
  name: string;
  secret?: unknown;
  projected?: { sources: { serviceAccountToken?: unknown; secret?: unknown }[] };
}

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: {
    template?: {
      spec?: { automountServiceAccountToken?: boolean; containers?: Container[]; volumes?: Volume[] };
    };
  };
}

const tokenDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Volumes that carry a service-account token or any Secret. */
function credentialVolumes(volumes: Volume[]): string[] {
  return volumes
    .filter(
      (volume) =>
        volume.secret !== undefined ||
        (volume.projected?.sources ?? []).some((source) => source.serviceAccountToken || source.secret),
    )
    .map((volume) => volume.name);
}

async function build(): Promise<Manifest[]> {
  const { stdout } = await execFileAsync('kubectl', ['kustomize', base], { maxBuffer: 16 * 1024 * 1024 });
  return loadAll(stdout) as Manifest[];
}

function kubectl(kubeconfig: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

describe('install manifests (deploy/base)', () => {
  it('contain the CRDs, RBAC, Redis and Driftless, in namespace argocd', async () => {
    const objects = await build();
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'ClusterRole/driftless',
      'ClusterRoleBinding/driftless',
      'CustomResourceDefinition/applications.argoproj.io',
      'CustomResourceDefinition/applicationsets.argoproj.io',
      'CustomResourceDefinition/appprojects.argoproj.io',
      'CustomResourceDefinition/plugins.driftless.io',
      'Deployment/driftless',
      'Deployment/driftless-redis',
      'Namespace/argocd',
      'Service/driftless',
      'Service/driftless-redis',
      'ServiceAccount/driftless',
    ]);
    const namespaced = objects.filter((object) => ['Deployment', 'Service', 'ServiceAccount'].includes(object.kind));
    expect(namespaced.every((object) => object.metadata.namespace === 'argocd')).toBe(true);
  });

  it('configure the container with variables the kernel accepts', async () => {
    const deployment = (await build()).find(
      (object) => object.kind === 'Deployment' && object.metadata.name === 'driftless',
    );
    const env = deployment?.spec?.template?.spec?.containers?.[0]?.env ?? [];
    // metadata.namespace comes from the pod at run time; the namespace the base installs into stands in.
    const variables = Object.fromEntries(env.map((variable) => [variable.name, variable.value ?? 'argocd']));
    const config = loadConfig(variables);
    expect(config).toMatchObject({
      redisUrl: 'redis://driftless-redis:6379',
      namespace: 'argocd',
      address: '0.0.0.0',
      dataDir: '/var/lib/driftless',
      pluginRunnerSocket: '/run/driftless/runners.sock',
    });
  });

  it('keep the service-account token out of the plugin-runners container', async () => {
    const deployment = (await build()).find(
      (object) => object.kind === 'Deployment' && object.metadata.name === 'driftless',
    );
    const pod = deployment?.spec?.template?.spec ?? {};
    expect(pod.automountServiceAccountToken).toBe(false);
    const credentials = credentialVolumes(pod.volumes ?? []);
    const containers = new Map((pod.containers ?? []).map((container) => [container.name, container]));
    const kernel = containers.get('driftless');
    const runners = containers.get('plugin-runners');
    // The kernel keeps the in-cluster config (token at the standard path); the runners get no credential at all.
    const kernelToken = kernel?.volumeMounts?.find((mount) => mount.mountPath === tokenDir);
    expect(credentials).toContain(kernelToken?.name);
    expect(runners?.volumeMounts?.filter((mount) => credentials.includes(mount.name))).toEqual([]);
    expect(runners?.volumeMounts?.some((mount) => mount.mountPath.startsWith('/var/run/secrets'))).toBe(false);
    // The kernel talks to the runner host through a socket in a directory both containers mount.
    const socket = kernel?.env?.find((variable) => variable.name === 'DRIFTLESS_PLUGIN_RUNNER_SOCKET')?.value;
    expect(runners?.args).toEqual(['plugin-runner-host', '--socket', socket]);
    const socketDir = (mounts: Container['volumeMounts']) =>
      mounts?.find((mount) => socket?.startsWith(`${mount.mountPath}/`))?.name;
    expect(socketDir(runners?.volumeMounts)).toBeDefined();
    expect(socketDir(runners?.volumeMounts)).toBe(socketDir(kernel?.volumeMounts));
    // Sources are shared read-only: a runner reads checkouts, never writes the kernel's cache.
    const cache = kernel?.env?.find((variable) => variable.name === 'DRIFTLESS_REPO_CACHE_DIR')?.value;
    expect(runners?.volumeMounts?.find((mount) => mount.mountPath === cache)).toMatchObject({ readOnly: true });
    // The kernel's temp dir holds git's key and certificate files while a fetch runs: the runners never see it.
    const kernelTmp = kernel?.volumeMounts?.find((mount) => mount.mountPath === '/tmp')?.name;
    expect(kernelTmp).toBeDefined();
    expect(runners?.volumeMounts?.map((mount) => mount.name)).not.toContain(kernelTmp);
  });

  describe('applied to a cluster', () => {
    let cluster: TestCluster;
    let kubeconfig: string;

    beforeAll(async () => {
      cluster = await startTestCluster();
      const { mkdtempSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      kubeconfig = join(mkdtempSync(join(tmpdir(), 'driftless-deploy-')), 'kubeconfig');
      await cluster.sim.writeKubeconfig(kubeconfig);
    });

    afterAll(async () => {
      await cluster?.stop();
    });

    it('apply server-side and roll out', async () => {
      const { stdout } = await execFileAsync('kubectl', ['kustomize', base], { maxBuffer: 16 * 1024 * 1024 });
      await kubectl(kubeconfig, ['apply', '--server-side', '-f', '-'], stdout);
      const crds = await kubectl(kubeconfig, ['get', 'crd', '-o', 'name']);
      expect(crds).toContain('customresourcedefinition.apiextensions.k8s.io/applications.argoproj.io');
      await kubectl(kubeconfig, ['-n', 'argocd', 'rollout', 'status', 'deployment/driftless', '--timeout=60s']);
      await kubectl(kubeconfig, ['-n', 'argocd', 'rollout', 'status', 'deployment/driftless-redis', '--timeout=60s']);
    });
  });
});
