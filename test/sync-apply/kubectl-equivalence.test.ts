// Driftless's client-side apply against the real `kubectl apply`: each scenario puts the same
// object into two namespaces of one kube-sim cluster, applies the same manifests with kubectl in
// one and with threeWayApplyPatch in the other (with the same foreign write in between), and
// requires equal objects after each apply, last-applied annotation included byte for byte.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@driftless/diff';
import { startKubeSim, type ClusterApi, type KubeSim } from '@driftless/kube-sim';
import { scenarios, widgetCrd } from './scenarios';
import {
  comparable,
  driftlessApply,
  driftlessPatch,
  getLive,
  inNamespace,
  kubectlApply,
  resourceTypeOf,
  type Workspace,
} from './support';

// Two kubectl runs per scenario on a shared two-core machine.
jest.setTimeout(60_000);

const KUBECTL_NS = 'applied-by-kubectl';
const DRIFTLESS_NS = 'applied-by-driftless';

let sim: KubeSim;
let api: ClusterApi;
let workspace: Workspace;

beforeAll(async () => {
  sim = await startKubeSim({ nodes: 1 });
  const cluster = sim.clusters[0];
  if (!cluster) throw new Error('kube-sim started without a cluster');
  // No controllers: nothing but the two appliers and the scenario's own writes touches the objects.
  cluster.controllers.stop();
  api = cluster.api;
  const directory = await mkdtemp(join(tmpdir(), 'sync-apply-'));
  workspace = { directory, kubeconfig: join(directory, 'kubeconfig') };
  await sim.writeKubeconfig(workspace.kubeconfig);
  for (const name of [KUBECTL_NS, DRIFTLESS_NS]) {
    api.create(resourceTypeOf(api, { apiVersion: 'v1', kind: 'Namespace' }), undefined, { metadata: { name } });
  }
  api.create(resourceTypeOf(api, widgetCrd), undefined, widgetCrd);
});

afterAll(async () => {
  await sim?.stop();
  if (workspace) await rm(workspace.directory, { recursive: true, force: true });
});

function expectSameObjects(step: string, viaKubectl: JsonObject, viaDriftless: JsonObject): void {
  const live = { kubectl: getLive(api, viaKubectl), driftless: getLive(api, viaDriftless) };
  expect({ step, object: comparable(live.driftless) }).toEqual({ step, object: comparable(live.kubectl) });
}

describe.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
  it('ends as kubectl apply leaves it', async () => {
    const slug = (scenario.initial.metadata as { name: string }).name;
    for (const namespace of [KUBECTL_NS, DRIFTLESS_NS]) {
      const initial = inNamespace(scenario.initial, namespace);
      api.create(resourceTypeOf(api, initial), namespace, initial);
    }

    for (const [step, manifest] of [
      ['v1', scenario.v1],
      ['v2', scenario.v2],
    ] as const) {
      if (step === 'v2' && scenario.interference) {
        const { patchType, patch } = scenario.interference;
        for (const namespace of [KUBECTL_NS, DRIFTLESS_NS]) {
          const target = inNamespace(scenario.initial, namespace);
          const { name } = target.metadata as { name: string };
          api.patch(resourceTypeOf(api, target), namespace, name, patchType, JSON.stringify(patch));
        }
      }
      const viaKubectl = inNamespace(manifest, KUBECTL_NS);
      const viaDriftless = inNamespace(manifest, DRIFTLESS_NS);
      await kubectlApply(workspace, viaKubectl, `${slug}-${step}`);
      driftlessApply(api, viaDriftless);
      expectSameObjects(step, viaKubectl, viaDriftless);
    }

    scenario.check(getLive(api, inNamespace(scenario.v2, DRIFTLESS_NS)));
  });

  it('has nothing left to patch after the second apply', () => {
    // A repeated sync of an unchanged manifest must find the object in sync.
    expect(driftlessPatch(api, inNamespace(scenario.v2, DRIFTLESS_NS))).toBeUndefined();
  });
});
