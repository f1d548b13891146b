// FI-02 (and FI-03's hand-over): several controller replicas and the sync
// engine. With shard Leases, each app's operations are run by one replica at
// a time, also when a replica stops mid-sync and the other takes its cluster
// over. In a split brain — two replicas both acting for the same apps — the
// compare-and-swap on status.operationState lets one win each step: every
// operation still ends exactly once, no recorded state goes backwards, and no
// hook is created twice for one operation attempt.
import { type Application } from '@driftless/schema';
import { AppController } from '../../core/src/controller/app-controller.service';
import { type OperationRunner } from '../../core/src/controller/operations/operation-runner';
import { OperationConflict, type OperationWriter } from '../../core/src/controller/operations/operation-writer';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyLive, clusterSecret, createApp, ensureNamespaces, kubeConfigOf } from '../controller/support';
import { requestSync } from '../sync/support';
import { configMap, hookJob, sleep, until, useFaultWorld, type FaultWorld } from './support';

const files = {
  'app/hooks.yaml': [
    hookJob('migrate-', 'PreSync', {
      'sim.driftless.dev/run-seconds': '1',
      'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded',
    }),
    hookJob('notify-', 'PostSync', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
  ].join('---\n'),
  'app/config.yaml': [configMap('first', 1), configMap('second', 2)].join('---\n'),
};

interface Write {
  replica: string;
  app: string;
  at: number;
  conflict: boolean;
}

interface ControllerInternals {
  operationWriter: OperationWriter;
  runner: OperationRunner;
  ownership: { ownedServers(): string[] };
}

function internals(kernel: RunningKernel): ControllerInternals {
  return kernel.app.get<unknown, ControllerInternals>(AppController);
}

/** Records every operation-state write of a replica (and every conflict it got), as it happens. */
function recordWrites(kernel: RunningKernel, replica: string, log: Write[]): void {
  const writer = internals(kernel).operationWriter;
  const write = writer.write.bind(writer);
  writer.write = async (app, change) => {
    try {
      const written = await write(app, change);
      log.push({ replica, app: app.metadata.name ?? '', at: performance.now(), conflict: false });
      return written;
    } catch (error) {
      if (error instanceof OperationConflict)
        log.push({ replica, app: app.metadata.name ?? '', at: performance.now(), conflict: true });
      throw error;
    }
  };
}

async function createApps(
  world: FaultWorld,
  apps: readonly string[],
  destination: (app: string) => { name?: string; server?: string; namespace: string },
): Promise<Map<string, string>> {
  for (const app of apps)
    await createApp(world, app, {
      source: { repoURL: world.repoURL, path: 'app', targetRevision: 'main' },
      destination: destination(app),
    });
  const markers = new Map<string, string>();
  for (const app of apps) markers.set(app, await requestSync(world, app));
  return markers;
}

async function expectEachOperationOnce(world: FaultWorld, markers: ReadonlyMap<string, string>): Promise<void> {
  const ended = await world.ledger.allEnded(markers, 90_000);
  const failures = [...ended].filter(([, state]) => state.phase !== 'Succeeded');
  expect(failures.map(([app, state]) => `${app}: ${state.phase} ${state.message}`)).toEqual([]);
  expect([...markers].flatMap(([app, marker]) => world.ledger.violations(app, [marker]))).toEqual([]);
  expect(world.ledger.duplicateHooks()).toEqual([]);
  expect(world.ledger.unmarkedHooks).toEqual([]);
}

describe('FI-02/FI-03: two controller replicas with shard Leases', () => {
  const clusterIndex = (app: string) => (app.startsWith('east') ? 1 : 2);
  const namespaceOf = (app: string) => `dest-${app}`;
  const world = useFaultWorld({
    clusters: 3,
    files,
    prepare: async (w) => {
      // Argo CD's shard pins: each replica surely gets one of the two destination clusters.
      for (const index of [1, 2]) {
        const cluster = w.sim.clusters[index];
        if (!cluster) throw new Error('kube-sim started fewer clusters');
        await applyLive(w.kubeConfig, [
          clusterSecret(
            w.namespace,
            `cluster-${index}`,
            { name: cluster.name, server: cluster.server, token: cluster.token, shard: index - 1 },
            w.sim,
          ),
        ]);
      }
    },
  });

  it('run each app on one replica at a time, hand a stopped replica’s syncs over, and end each operation once', async () => {
    const apps = [
      ...Array.from({ length: 6 }, (_, i) => `east-${i}`),
      ...Array.from({ length: 6 }, (_, i) => `west-${i}`),
    ];
    for (const index of [1, 2])
      await ensureNamespaces(
        kubeConfigOf(world.sim, index),
        ...apps.filter((app) => clusterIndex(app) === index).map(namespaceOf),
      );
    const writes: Write[] = [];
    await world.startKernel(['repo-server']);
    const first = await world.startKernel(['controller']);
    const second = await world.startKernel(['controller']);
    recordWrites(first, 'first', writes);
    recordWrites(second, 'second', writes);
    const servers = [1, 2].map((index) => world.sim.clusters[index]?.server ?? '');
    await until(() => {
      const owned = [first, second].map((kernel) =>
        internals(kernel)
          .ownership.ownedServers()
          .filter((server) => servers.includes(server)),
      );
      expect(owned.map((list) => list.length)).toEqual([1, 1]);
    });
    const ownerOf = new Map(
      servers.map((server) => [
        server,
        internals(first).ownership.ownedServers().includes(server) ? 'first' : 'second',
      ]),
    );

    const markers = await createApps(world, apps, (app) => ({
      name: world.sim.clusters[clusterIndex(app)]?.name ?? '',
      namespace: namespaceOf(app),
    }));
    // The second replica stops mid-sync: the first takes its cluster and its operations over.
    await sleep(1_500);
    await second.stop();
    const stoppedAt = performance.now();
    await expectEachOperationOnce(world, markers);

    expect(new Set(writes.filter((write) => !write.conflict).map((write) => write.replica))).toEqual(
      new Set(['first', 'second']),
    );
    for (const app of apps) {
      const owner = ownerOf.get(servers[clusterIndex(app) - 1] ?? '');
      const writers = writes.filter((write) => write.app === app && !write.conflict).map((write) => write.replica);
      // The owner alone; for the stopped replica's apps, the first takes over once and for good.
      const turns = writers.filter((writer, index) => writer !== writers[index - 1]).join(',');
      const allowed = owner === 'first' ? ['first'] : ['second', 'second,first', 'first'];
      expect({ app, owner, turns: allowed.includes(turns) ? 'one owner at a time' : turns }).toEqual({
        app,
        owner,
        turns: 'one owner at a time',
      });
      expect(writes.some((write) => write.app === app && write.replica === 'second' && write.at > stoppedAt)).toBe(
        false,
      );
    }
    await first.stop();
  });
});

describe('FI-02: split brain — two replicas both act for the same apps', () => {
  const world = useFaultWorld({ files });
  const destination = (app: string) => ({ server: 'https://kubernetes.default.svc', namespace: `dest-${app}` });

  it('one replica wins each step (compare-and-swap): each operation ends once, no double hook, nothing goes backwards', async () => {
    const apps = Array.from({ length: 8 }, (_, i) => `split-${i}`);
    await ensureNamespaces(world.kubeConfig, ...apps.map((app) => destination(app).namespace));
    const writes: Write[] = [];
    await world.startKernel(['repo-server']);
    const first = await world.startKernel(['controller']);
    const second = await world.startKernel(['controller']);
    for (const [kernel, name] of [
      [first, 'first'],
      [second, 'second'],
    ] as const) {
      recordWrites(kernel, name, writes);
      // Both believe they own every cluster (a stale heartbeat, a partition that has not been noticed).
      kernel.app.get(AppController).owns = () => true;
    }
    const markers = await createApps(world, apps, destination);
    await expectEachOperationOnce(world, markers);
    // Both took part and collided: the split brain was real.
    expect(new Set(writes.filter((write) => !write.conflict).map((write) => write.replica))).toEqual(
      new Set(['first', 'second']),
    );
    expect(writes.filter((write) => write.conflict).length).toBeGreaterThan(0);
  });
});

describe('FI-02/FI-06: a replica that resumes a step from a stale copy', () => {
  const world = useFaultWorld({ files });
  const destination = (app: string) => ({ server: 'https://kubernetes.default.svc', namespace: `dest-${app}` });

  // A step acts only after a compare-and-swap of the state it read: a replica holding a stale copy
  // (a GC pause, a blocked event loop, a split brain) — "hook recorded, not yet created" after the
  // hook ran and HookSucceeded deleted it — loses the swap and never creates the hook a second time.
  it('does not create a finished hook again', async () => {
    const kernel = await world.startKernel(['controller', 'repo-server']);
    const app = 'stale-step';
    await ensureNamespaces(world.kubeConfig, destination(app).namespace);
    const markers = await createApps(world, [app], destination);
    await expectEachOperationOnce(world, markers);
    const migrations = () => world.ledger.hooksIn(destination(app).namespace).filter((key) => key.includes('migrate'));
    expect(migrations()).toHaveLength(1);
    // The copy a paused replica holds: the PreSync hook recorded (Running, no status), not yet created.
    const stale = world.ledger.operations
      .get(app)
      ?.find((snapshot) =>
        snapshot.state?.syncResult?.resources?.some(
          (result) => result.hookType === 'PreSync' && result.status === undefined,
        ),
      )?.app as Application;
    expect(stale).toBeDefined();
    await internals(kernel)
      .runner.run(stale)
      .catch(() => undefined);
    await sleep(500);
    expect(world.ledger.duplicateHooks()).toEqual([]);
    expect(
      world.ledger.live('Job', (ns, name) => ns === destination(app).namespace && name.startsWith('migrate-')),
    ).toEqual([]);
  });
});
