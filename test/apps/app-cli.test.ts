import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { createApplication, installArgoCrds } from '../support/argo-resources';
import { runCliInProcess } from '../support/run-cli';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

describe('driftless app list / get', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel;
  const namespace = uniqueNamespace();

  beforeAll(async () => {
    cluster = await startTestCluster();
    await installArgoCrds(cluster.connection.kubeConfig, namespace);
    await createApplication(cluster.connection.kubeConfig, {
      name: 'guestbook',
      namespace,
      spec: { syncPolicy: { automated: {} } },
      status: { sync: { status: 'OutOfSync' }, health: { status: 'Progressing' } },
    });
    await createApplication(cluster.connection.kubeConfig, { name: 'billing', namespace, project: 'payments' });
    kernel = await startTestKernel({ cluster: cluster.connection, namespace });
  });

  afterAll(async () => {
    await kernel?.stop();
    await cluster?.stop();
  });

  it('lists applications as argocd does', async () => {
    const { code, stdout } = await runCliInProcess(['app', 'list', '--server', kernel.url]);
    expect(code).toBe(0);
    expect(stdout.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY'],
      [
        `${namespace}/billing`,
        'https://kubernetes.default.svc',
        'guestbook',
        'payments',
        'Unknown',
        'Unknown',
        'Manual',
      ],
      [
        `${namespace}/guestbook`,
        'https://kubernetes.default.svc',
        'guestbook',
        'default',
        'OutOfSync',
        'Progressing',
        'Auto',
      ],
      [''],
    ]);
  });

  it('adds repo, path and target with -o wide, and filters by project', async () => {
    const { stdout } = await runCliInProcess(['app', 'list', '--server', kernel.url, '-o', 'wide', '-p', 'payments']);
    const [header, row] = stdout.split('\n');
    expect(header).toMatch(/REPO\s+PATH\s+TARGET$/);
    expect(row).toMatch(/https:\/\/github\.com\/argoproj\/argocd-example-apps\.git\s+guestbook\s+HEAD$/);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('prints names and JSON', async () => {
    expect((await runCliInProcess(['app', 'list', '--server', kernel.url, '-o', 'name'])).stdout).toBe(
      `${namespace}/billing\n${namespace}/guestbook\n`,
    );
    const json = JSON.parse((await runCliInProcess(['app', 'list', '--server', kernel.url, '-o', 'json'])).stdout) as {
      name: string;
    }[];
    expect(json.map((app) => app.name)).toEqual(['billing', 'guestbook']);
  });

  it('shows one application', async () => {
    const { code, stdout } = await runCliInProcess(['app', 'get', 'guestbook', '--server', kernel.url]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Name:               ${namespace}/guestbook\n`);
    expect(stdout).toContain('Sync Policy:        Automated\n');
    expect(stdout).toContain('Health Status:      Progressing\n');
  });

  it('exits 1 with one line for an application that does not exist', async () => {
    const { code, stderr } = await runCliInProcess(['app', 'get', 'nope', '--server', kernel.url]);
    expect(code).toBe(1);
    expect(stderr).toBe("driftless: application 'nope' not found — list them with: driftless app list\n");
  });
});
