// FI-01 and FI-06: the controller stops at random moments while 10–12 syncs (CI; 50 with SYNC_FAULTS_APPS)
// run — PreSync hook running, a wave applied, PostSync — and a new one takes
// over: a graceful stop (three times), kill -9 of a controller in a child
// process (twice; a worker killed mid-job), and an event loop blocked past the
// shard Lease. Every operation resumes and ends Succeeded exactly once, its
// recorded state never goes backwards, every hook Job is created exactly once
// per operation attempt, every ConfigMap exists, and finished hooks let go of
// their finalizer (HookSucceeded ones are deleted). SYNC_FAULTS_SEED=<seed>
// replays the moments of a failed run.
import { createApp, ensureNamespaces } from '../controller/support';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { requestSync } from '../sync/support';
import {
  configMap,
  HOOK_FINALIZER,
  hookJob,
  seededRandom,
  sleep,
  until,
  useFaultWorld,
  type ChildKernel,
  type FaultWorld,
} from './support';

const files = {
  'app/hooks.yaml': [
    hookJob('migrate-', 'PreSync', {
      'sim.driftless.dev/run-seconds': '1',
      'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded',
    }),
    hookJob('notify-', 'PostSync'),
  ].join('---\n'),
  'app/config.yaml': [configMap('first-a', 1), configMap('first-b', 1), configMap('second', 2)].join('---\n'),
};

const namespaceOf = (app: string) => `dest-${app}`;

async function createApps(world: FaultWorld, apps: readonly string[]): Promise<void> {
  await ensureNamespaces(world.kubeConfig, ...apps.map(namespaceOf));
  for (const app of apps)
    await createApp(world, app, {
      source: { repoURL: world.repoURL, path: 'app', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: namespaceOf(app) },
    });
}

/** Requests every sync, spread over `spreadMs` so the interruptions find operations at every step. */
async function requestSyncs(
  world: FaultWorld,
  apps: readonly string[],
  random: () => number,
  spreadMs: number,
): Promise<Map<string, string>> {
  const markers = new Map<string, string>();
  await Promise.all(
    apps.map(async (app) => {
      await sleep(Math.floor(random() * spreadMs));
      markers.set(app, await requestSync(world, app));
    }),
  );
  return markers;
}

async function expectEveryOperationDoneOnce(
  world: FaultWorld,
  markers: ReadonlyMap<string, string>,
  context: string,
): Promise<void> {
  const ended = await world.ledger.allEnded(markers, 90_000);
  const { ledger } = world;
  const failures = [...ended].filter(([, state]) => state.phase !== 'Succeeded');
  expect({ context, failures: failures.map(([app, state]) => `${app}: ${state.phase} ${state.message}`) }).toEqual({
    context,
    failures: [],
  });
  const violations = [...markers].flatMap(([app, marker]) => ledger.violations(app, [marker]));
  expect({ context, violations }).toEqual({ context, violations: [] });
  expect({ context, duplicates: ledger.duplicateHooks(), unmarked: ledger.unmarkedHooks }).toEqual({
    context,
    duplicates: [],
    unmarked: [],
  });
  for (const app of markers.keys()) {
    const namespace = namespaceOf(app);
    const hooks = ledger.hooksIn(namespace).map((key) => key.replace(/^.*\//, '').replace(/-[0-9a-f]{7}-.*$/, ''));
    expect({ context, app, hooks: hooks.sort() }).toEqual({ context, app, hooks: ['migrate', 'notify'] });
    const configMaps = ledger
      .live('ConfigMap', (ns) => ns === namespace)
      .map((object) => object.metadata.name)
      .filter((name) => name !== 'kube-root-ca.crt')
      .sort();
    expect({ context, app, configMaps }).toEqual({ context, app, configMaps: ['first-a', 'first-b', 'second'] });
  }
  // Succeeded hooks let go of their finalizer; HookSucceeded ones are deleted.
  await until(() => {
    const held = ledger
      .live('Job')
      .filter((job) => job.metadata.finalizers?.includes(HOOK_FINALIZER))
      .map((job) => job.metadata.name);
    const migrations = ledger.live('Job', (_, name) => name.startsWith('migrate-')).map((job) => job.metadata.name);
    expect({ context, held, migrations }).toEqual({ context, held: [], migrations: [] });
  }, 15_000);
}

// CI runs 12 and 10 syncs (the CI budget); SYNC_FAULTS_APPS=50 runs the 50.
// ~30 s each on an idle machine; a loaded one (or 50 syncs) needs longer than jest's minute.
jest.setTimeout(240_000);
const appCount = (ciDefault: number) => Number(process.env.SYNC_FAULTS_APPS ?? ciDefault);

describe('FI-01: the controller stops at random moments during syncs', () => {
  const world = useFaultWorld({ files });

  it('a graceful stop of the controller and a new one, three times: every operation Succeeded once, hooks created once', async () => {
    const apps = Array.from({ length: appCount(12) }, (_, index) => `graceful-${index}`);
    const seed = Number(process.env.SYNC_FAULTS_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    // The repo-server runs on; controllers come and go (as pods of a Deployment would).
    await world.startKernel(['repo-server']);
    let controller = await world.startKernel(['controller']);
    await createApps(world, apps);
    const requested = requestSyncs(world, apps, random, 2_000);
    for (let round = 0; round < 3; round += 1) {
      await sleep(400 + Math.floor(random() * 1_600));
      await controller.stop();
      controller = await world.startKernel(['controller']);
    }
    await expectEveryOperationDoneOnce(world, await requested, `seed ${seed}`);
  });

  // Shutdown order: the workers that run refreshes and operation steps stop in onModuleDestroy,
  // the plugin sandbox and the live caches at application shutdown, after them — so no step runs
  // against a sandbox that is gone (it would end its operation as Error). The test widens the
  // window between the two to 1.5 s.
  it('a graceful stop of a process with every role and a new one: operations are left to the next process, not ended as Error', async () => {
    const apps = Array.from({ length: 10 }, (_, index) => `all-roles-${index}`);
    let kernel = await world.startKernel(['controller', 'repo-server']);
    await createApps(world, apps);
    const host = kernel.app.get(PluginHost);
    const stop = host.stop.bind(host);
    host.stop = async () => {
      await stop();
      await sleep(1_500);
    };
    const stopping = kernel.stop();
    const markers = await requestSyncs(world, apps, seededRandom(7), 0);
    await stopping;
    kernel = await world.startKernel(['controller', 'repo-server']);
    await expectEveryOperationDoneOnce(world, markers, 'all roles');
  });
});

describe('FI-01/FI-06: the controller process is killed (kill -9) or stalls during syncs', () => {
  const world = useFaultWorld({ files });
  let controller: ChildKernel;

  it('kill -9 of the controller and a new one, twice, during syncs: every operation Succeeded once, hooks created once', async () => {
    const apps = Array.from({ length: appCount(10) }, (_, index) => `killed-${index}`);
    const seed = Number(process.env.SYNC_FAULTS_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    await world.startKernel(['repo-server']);
    controller = await world.startChildKernel(['controller']);
    await createApps(world, apps);
    const requested = requestSyncs(world, apps, random, 1_500);
    for (let round = 0; round < 2; round += 1) {
      await sleep(500 + Math.floor(random() * 2_000));
      // No shutdown hook runs: its shard Lease expires (3 heartbeats), its BullMQ jobs stay behind.
      await controller.kill();
      controller = await world.startChildKernel(['controller']);
    }
    await expectEveryOperationDoneOnce(world, await requested, `seed ${seed}`);
  });

  it('the controller’s event loop blocked for 3 s (its shard Lease expires meanwhile) while 8 syncs wait for hooks: each ends Succeeded once', async () => {
    const apps = Array.from({ length: 8 }, (_, index) => `stalled-${index}`);
    await createApps(world, apps);
    const markers = await requestSyncs(world, apps, seededRandom(1), 0);
    await until(() =>
      expect(apps.filter((app) => world.ledger.hooksIn(namespaceOf(app)).length > 0).length).toBeGreaterThan(4),
    );
    await controller.block(3_000);
    await expectEveryOperationDoneOnce(world, markers, 'blocked event loop');
    await controller.stop();
  });
});
