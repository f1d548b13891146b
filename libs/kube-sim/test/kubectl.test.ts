// The real kubectl binary against the simulator: apply (client-side and
// server-side), get, diff, patch of every type, delete with foreground
// cascade, wait, rollout status, CRDs with their resources, label selectors,
// get -w and server-side dry run.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import type { KubeSim } from '../src';
import { eventually, startSim } from './support';

// Rollouts and kubectl calls take seconds on a shared two-core machine.
jest.setTimeout(30_000);

const run = promisify(execFile);
let sim: KubeSim;
let directory: string;
let kubeconfig: string;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run(
    'kubectl',
    ['--kubeconfig', kubeconfig, '--cache-dir', join(directory, 'cache'), ...args],
    { timeout: 30_000 },
  );
  return stdout;
}

async function kubectlFails(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  try {
    await run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(directory, 'cache'), ...args], {
      timeout: 30_000,
    });
  } catch (error) {
    const failure = error as { code: number; stderr: string; stdout: string };
    return { code: failure.code, stderr: failure.stderr, stdout: failure.stdout };
  }
  throw new Error(`kubectl ${args.join(' ')} was expected to fail`);
}

async function manifest(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

const deploymentYaml = (image: string, replicas = 2, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}${extra}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
`;

beforeAll(async () => {
  ({ sim } = await startSim());
  directory = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-'));
  kubeconfig = join(directory, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
});

afterAll(async () => {
  await sim.stop();
  await rm(directory, { recursive: true, force: true });
});

it('talks to the server over TLS with the generated kubeconfig', async () => {
  const version = await kubectl('version', '-o', 'json');
  expect((JSON.parse(version) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion).toBe(
    'v1.32.0+kube-sim',
  );
  expect(await kubectl('get', 'nodes', '-o', 'name')).toBe('node/sim-node-1\nnode/sim-node-2\nnode/sim-node-3\n');
});

it('applies client-side, shows a diff, re-applies and rolls out', async () => {
  const file = await manifest('web.yaml', deploymentYaml('nginx:1.25'));
  expect(await kubectl('apply', '-f', file)).toBe('deployment.apps/web created\n');
  expect(await kubectl('rollout', 'status', 'deployment/web', '--timeout=20s')).toContain('successfully rolled out');
  await kubectl('wait', '--for=condition=Available', 'deployment/web', '--timeout=20s');
  await writeFile(file, deploymentYaml('nginx:1.26'));
  const diff = await kubectlFails('diff', '-f', file);
  expect(diff.code).toBe(1);
  expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.25$/m);
  expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.26$/m);
  expect(await kubectl('apply', '-f', file)).toBe('deployment.apps/web configured\n');
  expect(await kubectl('rollout', 'status', 'deployment/web', '--timeout=20s')).toContain('successfully rolled out');
  const live = load(await kubectl('get', 'deployment', 'web', '-o', 'yaml')) as {
    metadata: { generation: number };
    status: { updatedReplicas: number; availableReplicas: number; observedGeneration: number };
  };
  expect(live.metadata.generation).toBe(2);
  expect(live.status).toMatchObject({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2 });
  const replicaSets = await kubectl('get', 'replicasets', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.replicas}');
  expect(replicaSets.split(' ').map(Number).sort()).toEqual([0, 2]);
  expect((await kubectl('diff', '-f', file)).trim()).toBe('');
});

it('prints server-side tables for get, and rolls back with rollout undo', async () => {
  const deployments = (await kubectl('get', 'deployment', 'web')).split('\n');
  expect(deployments[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  expect(deployments[1]).toMatch(/^web\s+2\/2\s+2\s+2\s+\d+s$/);
  const pods = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'wide')).trim().split('\n');
  expect(pods[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/);
  expect(pods.slice(1).every((line) => /\s1\/1\s+Running\s+0\s+.*10\.244\.\d+\.\d+\s+sim-node-\d$/.test(line))).toBe(
    true,
  );
  await kubectl('rollout', 'undo', 'deployment/web');
  expect(await kubectl('rollout', 'status', 'deployment/web', '--timeout=20s')).toContain('successfully rolled out');
  expect(
    await kubectl(
      'get',
      'deployment',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    ),
  ).toBe('nginx:1.25 3');
});

it('shows events in describe and simulated container logs', async () => {
  expect(await kubectl('describe', 'deployment', 'web')).toMatch(
    /Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled (up|down) replica set web-/,
  );
  const logs = await kubectl('logs', 'deployment/web');
  expect(logs).toMatch(/kube-sim: container web started from image nginx:1\.\d+ on node sim-node-\d/);
  expect(logs).toContain('kube-sim: ready');
});

it('applies server-side, reporting conflicts and taking fields with --force-conflicts', async () => {
  const file = await manifest(
    'ssa.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  color: red\n',
  );
  expect(await kubectl('apply', '--server-side', '-f', file)).toBe('configmap/ssa serverside-applied\n');
  await kubectl('patch', 'configmap', 'ssa', '--type', 'merge', '-p', '{"data":{"color":"blue"}}');
  const conflict = await kubectlFails('apply', '--server-side', '-f', file);
  expect(conflict.stderr).toContain('conflict with "kubectl-patch"');
  expect(conflict.stderr).toContain('.data.color');
  await kubectl('apply', '--server-side', '--force-conflicts', '-f', file);
  expect(await kubectl('get', 'configmap', 'ssa', '-o', 'jsonpath={.data.color}')).toBe('red');
  const managers = await kubectl(
    'get',
    'configmap',
    'ssa',
    '--show-managed-fields',
    '-o',
    'jsonpath={.metadata.managedFields[*].manager}',
  );
  expect(managers).toBe('kubectl');
});

it('migrates client-side apply ownership when switching to --server-side', async () => {
  const file = await manifest(
    'migrate.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: migrate\ndata:\n  color: red\n',
  );
  await kubectl('apply', '-f', file);
  const managers = async (): Promise<string> =>
    kubectl(
      'get',
      'configmap',
      'migrate',
      '--show-managed-fields',
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}',
    );
  expect(await managers()).toBe('kubectl-client-side-apply/Update ');
  await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: migrate\ndata:\n  color: green\n');
  expect(await kubectl('apply', '--server-side', '-f', file)).toBe('configmap/migrate serverside-applied\n');
  expect((await managers()).split(' ').filter(Boolean).sort()).toEqual(['kubectl-last-applied/Apply', 'kubectl/Apply']);
  expect(await kubectl('get', 'configmap', 'migrate', '-o', 'jsonpath={.data.color}')).toBe('green');
});

it('patches with the json, merge and strategic types', async () => {
  const file = await manifest('patched.yaml', deploymentYaml('nginx:1.25').replaceAll('web', 'patched'));
  await kubectl('apply', '-f', file);
  await kubectl(
    'patch',
    'deployment',
    'patched',
    '--type',
    'json',
    '-p',
    '[{"op":"replace","path":"/spec/replicas","value":3}]',
  );
  await kubectl('patch', 'deployment', 'patched', '--type', 'merge', '-p', '{"metadata":{"labels":{"patched":"yes"}}}');
  await kubectl(
    'patch',
    'deployment',
    'patched',
    '--type',
    'strategic',
    '-p',
    '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1"}]}}}}',
  );
  const live = load(await kubectl('get', 'deployment', 'patched', '-o', 'yaml')) as {
    metadata: { labels: Record<string, string> };
    spec: { replicas: number; template: { spec: { containers: { name: string }[] } } };
  };
  expect(live.spec.replicas).toBe(3);
  expect(live.metadata.labels.patched).toBe('yes');
  expect(live.spec.template.spec.containers.map((container) => container.name)).toEqual(['patched', 'sidecar']);
});

it('deletes with --cascade=foreground, removing the ReplicaSets and pods first', async () => {
  const before = await kubectl('get', 'pods', '-l', 'app=web', '-o', 'name');
  expect(before.trim().split('\n')).toHaveLength(2);
  await kubectl('delete', 'deployment', 'web', '--cascade=foreground', '--timeout=20s');
  expect(await kubectl('get', 'deployments,replicasets,pods', '-l', 'app=web', '-o', 'name')).toBe('');
});

it('serves a CRD and its custom resources, and removes them with the CRD', async () => {
  const crd = await manifest(
    'crd.yaml',
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, minimum: 1}
`,
  );
  await kubectl('apply', '-f', crd);
  await kubectl('wait', '--for=condition=Established', 'crd/gadgets.example.com', '--timeout=10s');
  const gadget = await manifest(
    'gadget.yaml',
    'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1, labels: {kind: gadget}}\nspec: {size: 3}\n',
  );
  expect(await kubectl('apply', '-f', gadget)).toBe('gadget.example.com/g1 created\n');
  expect(await kubectl('get', 'gd', '-l', 'kind=gadget', '-o', 'jsonpath={.items[*].spec.size}')).toBe('3');
  const invalid = await kubectlFails('patch', 'gadget', 'g1', '--type', 'merge', '-p', '{"spec":{"size":0}}');
  expect(invalid.stderr).toContain('spec.size');
  await kubectl('delete', 'crd', 'gadgets.example.com');
  expect(await kubectl('api-resources', '--api-group=example.com', '-o', 'name')).toBe('');
});

it('refuses unknown fields as kubectl validates them (strict), and drops them with --validate=false', async () => {
  const misplaced = await manifest(
    'misplaced.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: misplaced}\nspec: {replicas: 1}\ndata: {k: v}\n',
  );
  const refused = await kubectlFails('apply', '-f', misplaced);
  expect(refused.stderr).toContain(
    'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
  );
  expect((await kubectlFails('get', 'configmap', 'misplaced')).stderr).toContain('NotFound');
  expect(await kubectl('apply', '--validate=false', '-f', misplaced)).toBe('configmap/misplaced created\n');
  expect(await kubectl('get', 'configmap', 'misplaced', '-o', 'jsonpath={.spec}{"|"}{.data.k}')).toBe('|v');
});

it('filters with label selectors and runs server-side dry runs without persisting', async () => {
  const file = await manifest(
    'labels.yaml',
    ['a', 'b', 'c']
      .map(
        (name, index) =>
          `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sel-${name}, labels: {team: ${index < 2 ? 'x' : 'z'}}}\ndata: {k: v}\n`,
      )
      .join('---\n'),
  );
  await kubectl('apply', '-f', file);
  expect(await kubectl('get', 'configmaps', '-l', 'team=x', '-o', 'name')).toBe('configmap/sel-a\nconfigmap/sel-b\n');
  expect(await kubectl('get', 'configmaps', '-l', 'team!=x,team', '-o', 'name')).toBe('configmap/sel-c\n');
  const dry = await manifest(
    'dry.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry-run-only}\ndata: {k: v}\n',
  );
  expect(await kubectl('apply', '--dry-run=server', '-f', dry)).toBe(
    'configmap/dry-run-only created (server dry run)\n',
  );
  expect((await kubectlFails('get', 'configmap', 'dry-run-only')).stderr).toContain('NotFound');
});

it('creates namespaces, configmaps, secrets and service accounts imperatively (protobuf bodies)', async () => {
  expect(await kubectl('create', 'namespace', 'imperative')).toBe('namespace/imperative created\n');
  await kubectl('-n', 'imperative', 'create', 'configmap', 'settings', '--from-literal=a=b');
  await kubectl('-n', 'imperative', 'create', 'secret', 'generic', 'password', '--from-literal=pw=hunter2');
  await kubectl('-n', 'imperative', 'create', 'serviceaccount', 'robot');
  expect(await kubectl('-n', 'imperative', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.a}')).toBe('b');
  expect(
    Buffer.from(
      await kubectl('-n', 'imperative', 'get', 'secret', 'password', '-o', 'jsonpath={.data.pw}'),
      'base64',
    ).toString(),
  ).toBe('hunter2');
  expect(await kubectl('-n', 'imperative', 'get', 'serviceaccounts', '-o', 'name')).toBe(
    'serviceaccount/default\nserviceaccount/robot\n',
  );
  const unsupported = await kubectlFails('-n', 'imperative', 'create', 'deployment', 'web', '--image=nginx');
  expect(unsupported.stderr).toContain('protobuf');
});

it('streams changes with get -w', async () => {
  const child = spawn('kubectl', [
    '--kubeconfig',
    kubeconfig,
    '--cache-dir',
    join(directory, 'cache'),
    'get',
    'configmaps',
    '-w',
    '-l',
    'watch=me',
    '-o',
    'jsonpath={.metadata.name}:{.data.v}{"\\n"}',
  ]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = await manifest(
      'watched.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched, labels: {watch: me}}\ndata: {v: "1"}\n',
    );
    await kubectl('apply', '-f', file);
    await kubectl('patch', 'configmap', 'watched', '--type', 'merge', '-p', '{"data":{"v":"2"}}');
    await eventually(() => output.includes('watched:2'), 10_000, 'kubectl get -w output');
    expect(output.trim().split('\n')).toEqual(['watched:1', 'watched:2']);
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
  }
});
