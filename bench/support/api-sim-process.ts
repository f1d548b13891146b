// Child process of the API benchmark: a kube-sim cluster holding N
// Applications with their status (sync, health, resources) spread over 10
// projects, 100 destination clusters and 4 teams, the AppProjects, an
// argocd-rbac-cm that limits `viewer` to one project, and argocd-secret with
// known passwords — created in-process (far faster than over HTTP), then served.
import { writeFileSync } from 'node:fs';
import { hashSync } from 'bcryptjs';
import { startKubeSim } from '@driftless/kube-sim';
import { crdManifests } from '@driftless/schema';

export const API_NAMESPACE = 'bench-api';
export const BENCH_PASSWORD = 'bench-password-1';

interface Start {
  apps: number;
  kubeconfig: string;
}

const SYNC = ['Synced', 'Synced', 'Synced', 'OutOfSync', 'Unknown'];
const HEALTH = ['Healthy', 'Healthy', 'Healthy', 'Progressing', 'Degraded', 'Missing'];

function application(index: number): Record<string, unknown> {
  const project = `project-${index % 10}`;
  const name = `app-${String(index).padStart(5, '0')}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: API_NAMESPACE,
      labels: { team: `team-${index % 4}`, env: index % 3 === 0 ? 'prod' : 'staging' },
    },
    spec: {
      project,
      source: {
        repoURL: `https://git.example.com/org/repo-${index % 50}.git`,
        path: `apps/${name}`,
        targetRevision: 'main',
      },
      destination: { server: `https://cluster-${index % 100}.example.com`, namespace: `ns-${index % 20}` },
      ...(index % 2 === 0 ? { syncPolicy: { automated: { prune: true, selfHeal: true } } } : {}),
    },
  };
}

function status(index: number): Record<string, unknown> {
  return {
    sync: { status: SYNC[index % SYNC.length], revision: '8f3a2c1d9e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39' },
    health: { status: HEALTH[index % HEALTH.length] },
    resources: Array.from({ length: 10 }, (_, resource) => ({
      version: 'v1',
      kind: resource % 2 === 0 ? 'ConfigMap' : 'Service',
      namespace: `ns-${index % 20}`,
      name: `app-${index}-${resource}`,
      status: 'Synced',
      ...(resource % 2 === 1 ? { health: { status: 'Healthy' } } : {}),
    })),
    reconciledAt: '2026-11-26T10:00:00Z',
  };
}

async function main(): Promise<void> {
  const start = JSON.parse(process.argv[2] ?? '{}') as Start;
  const sim = await startKubeSim({ watchHistory: 100_000 });
  const cluster = sim.clusters[0];
  if (!cluster) throw new Error('no cluster');
  const { api } = cluster;
  const typeOf = (apiVersion: string, kind: string) => {
    const slash = apiVersion.indexOf('/');
    const type = api.types.byKind(slash < 0 ? '' : apiVersion.slice(0, slash), kind);
    if (!type) throw new Error(`kube-sim does not serve ${apiVersion} ${kind}`);
    return type;
  };
  const create = (object: { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } }) =>
    api.create(typeOf(object.apiVersion, object.kind), object.metadata.namespace, object);
  for (const crd of crdManifests()) create(crd as never);
  create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: API_NAMESPACE } });
  create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace: API_NAMESPACE },
    data: { 'accounts.viewer': 'login' },
  } as never);
  create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-rbac-cm', namespace: API_NAMESPACE },
    data: {
      'policy.csv':
        'p, role:project-3-reader, applications, get, project-3/*, allow\ng, viewer, role:project-3-reader\n',
    },
  } as never);
  const hash = hashSync(BENCH_PASSWORD, 10);
  const now = new Date().toISOString();
  create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'argocd-secret', namespace: API_NAMESPACE },
    stringData: {
      'admin.password': hash,
      'admin.passwordMtime': now,
      'accounts.viewer.password': hash,
      'accounts.viewer.passwordMtime': now,
      'server.secretkey': 'bench-secret-key-bench-secret-key-0123456789',
    },
  } as never);
  for (let project = 0; project < 10; project += 1)
    create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: `project-${project}`, namespace: API_NAMESPACE },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
    } as never);
  const applications = typeOf('argoproj.io/v1alpha1', 'Application');
  for (let index = 0; index < start.apps; index += 1) {
    const app = application(index);
    create(app as never);
    const name = (app.metadata as { name: string }).name;
    api.update(
      applications,
      API_NAMESPACE,
      name,
      { metadata: { name }, status: status(index) },
      { subresource: 'status' },
    );
  }
  writeFileSync(start.kubeconfig, sim.kubeconfigYaml());
  process.send?.({ type: 'ready' });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void sim.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
