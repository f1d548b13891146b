// FI-08 and FI-09: the Kubernetes APIs misbehave while syncs run — 409 on
// the Application writes of the control plane, 429 with Retry-After, 500 and
// 503 on the destination cluster. Operations still end exactly once and
// correctly: nothing half-applied is reported as Succeeded; a write that keeps
// failing fails the attempt with the API server's words, and `retry` starts
// the next attempt.
import { type OperationState } from '@driftless/schema';
import { applyLive, clusterSecret, createApp, ensureNamespaces, kubeConfigOf } from '../controller/support';
import { requestSync } from '../sync/support';
import {
  configMap,
  conflict,
  HOOK_FINALIZER,
  hookJob,
  injectRequestFaults,
  seededRandom,
  serverError,
  throttled,
  until,
  useFaultWorld,
  type FaultWorld,
} from './support';

const waves = [configMap('first', 1), configMap('second', 2)].join('---\n');
const files = {
  'app/hooks.yaml': [
    hookJob('migrate-', 'PreSync', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
    hookJob('notify-', 'PostSync'),
  ].join('---\n'),
  'app/config.yaml': waves,
  // Hooks with the default delete policy (BeforeHookCreation).
  'plain/hooks.yaml': [hookJob('migrate-', 'PreSync'), hookJob('notify-', 'PostSync')].join('---\n'),
  'plain/config.yaml': waves,
};
const namespaceOf = (app: string) => `dest-${app}`;
const retry = (limit: number) => ({ retry: { limit, backoff: { duration: '1s', factor: 1 } } });
/** What the injected faults say, as the API server words them. */
const FAULT_WORDS = /too many requests|injected fault|unable to handle the request/;

describe('FI-08/FI-09: API faults while syncs run', () => {
  const world = useFaultWorld({
    clusters: 2,
    files,
    prepare: async (w) => {
      const cluster = w.sim.clusters[1];
      if (!cluster) throw new Error('kube-sim started one cluster');
      await applyLive(w.kubeConfig, [
        clusterSecret(
          w.namespace,
          'destination',
          { name: cluster.name, server: cluster.server, token: cluster.token },
          w.sim,
        ),
      ]);
      await w.startKernel(['controller', 'repo-server']);
    },
  });
  const destination = () => world.sim.clusters[1]!;

  async function createApps(apps: readonly string[], path = 'app'): Promise<void> {
    await ensureNamespaces(kubeConfigOf(world.sim, 1), ...apps.map(namespaceOf));
    for (const app of apps)
      await createApp(world, app, {
        source: { repoURL: world.repoURL, path, targetRevision: 'main' },
        destination: { name: destination().name, namespace: namespaceOf(app) },
      });
  }

  /** Succeeded means everything is there: both waves applied as in Git, both hooks run, every result good. */
  function expectFullyApplied(app: string, state: OperationState): void {
    const namespace = namespaceOf(app);
    const data = Object.fromEntries(
      world.ledger.live('ConfigMap', (ns) => ns === namespace).map((cm) => [cm.metadata.name, cm.data]),
    );
    expect({ app, first: data.first, second: data.second }).toEqual({
      app,
      first: { wave: '1' },
      second: { wave: '2' },
    });
    expect({
      app,
      results: (state.syncResult?.resources ?? []).map(
        (result) =>
          `${result.kind}/${result.name.replace(/-[0-9a-f]{7}-.*$/, '')}:${result.status}:${result.hookPhase}`,
      ),
    }).toEqual({
      app,
      results: [
        'Job/migrate:Synced:Succeeded',
        'ConfigMap/first:Synced:Succeeded',
        'ConfigMap/second:Synced:Succeeded',
        'Job/notify:Synced:Succeeded',
      ],
    });
  }

  function expectOnceAndInOrder(world: FaultWorld, markers: ReadonlyMap<string, string>): void {
    expect([...markers].flatMap(([app, marker]) => world.ledger.violations(app, [marker]))).toEqual([]);
    expect(world.ledger.duplicateHooks()).toEqual([]);
    expect(world.ledger.unmarkedHooks).toEqual([]);
  }

  it('FI-08: 409 on 30 % of the Application writes — every operation ends Succeeded once, never overwritten', async () => {
    const apps = Array.from({ length: 6 }, (_, i) => `conflicts-${i}`);
    await createApps(apps);
    const markers = new Map<string, string>();
    for (const app of apps) markers.set(app, await requestSync(world, app));
    const random = seededRandom(8);
    const faults = injectRequestFaults(world.sim.clusters[0]!, (request) =>
      request.method === 'PATCH' && request.path.includes('/applications/') && random() < 0.3 ? conflict() : undefined,
    );
    try {
      const ended = await world.ledger.allEnded(markers, 60_000);
      for (const [app, state] of ended) {
        expect({ app, phase: state.phase, message: state.message }).toEqual({
          app,
          phase: 'Succeeded',
          message: 'successfully synced (all tasks run)',
        });
        expectFullyApplied(app, state);
      }
    } finally {
      faults.restore();
    }
    expect(faults.hits.length).toBeGreaterThan(5);
    expectOnceAndInOrder(world, markers);
  });

  it('FI-09: 429 with Retry-After, 503, then 500 on the destination for a while — each operation ends once, Succeeded only when fully applied, failed ones say why; synced again afterwards, all succeed', async () => {
    const apps = Array.from({ length: 6 }, (_, i) => `flaky-${i}`);
    await createApps(apps, 'plain');
    const cluster = destination();
    const before = { ...cluster.faults.counts };
    cluster.faults.set({
      throttleRate: 0.1,
      retryAfterSeconds: 1,
      serverErrorRate: 0.05,
      serverErrorCode: 503,
      seed: 3,
    });
    const during = new Map<string, string>();
    for (const app of apps) during.set(app, await requestSync(world, app));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    cluster.faults.set({ serverErrorRate: 0.1, seed: 4 });
    const ended = await world.ledger.allEnded(during, 60_000);
    cluster.faults.clear();
    expect(cluster.faults.counts.throttled).toBeGreaterThan(before.throttled);
    expect(cluster.faults.counts.serverErrors).toBeGreaterThan(before.serverErrors);
    for (const [app, state] of ended) {
      if (state.phase === 'Succeeded') expectFullyApplied(app, state);
      // A failure is the API server's answer, in its words, never a half-applied success.
      else expect({ app, message: state.message }).toEqual({ app, message: expect.stringMatching(FAULT_WORDS) });
    }
    expectOnceAndInOrder(world, during);

    const after = new Map<string, string>();
    for (const app of apps) after.set(app, await requestSync(world, app));
    for (const [app, state] of await world.ledger.allEnded(after, 60_000)) {
      expect({ app, phase: state.phase, message: state.message }).toEqual({
        app,
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
      });
      expectFullyApplied(app, state);
    }
    expectOnceAndInOrder(world, after);
  });

  it('FI-09: a write of wave 2 refused after wave 1 was applied — the attempt fails with the API’s message, never Succeeded; the retry completes it', async () => {
    const apps = ['half-once', 'half-always'];
    await createApps(apps);
    const waveOneApplied = (app: string) =>
      world.ledger.live('ConfigMap', (ns, name) => ns === namespaceOf(app) && name === 'first').length > 0;
    const retried = (app: string) => world.ledger.app(app)?.status?.operationState?.retryCount !== undefined;
    const faults = injectRequestFaults(destination(), (request) => {
      if (request.method === 'GET') return undefined;
      for (const app of apps) {
        const configMaps = `/namespaces/${namespaceOf(app)}/configmaps`;
        if (!request.path.includes(configMaps) || request.path.endsWith('/first') || !waveOneApplied(app)) continue;
        // half-once: the first attempt only; half-always: every write of wave 2, so it fails for good.
        if (app === 'half-always' || !retried(app)) return serverError();
      }
      return undefined;
    });
    try {
      const markers = new Map([
        ['half-once', await requestSync(world, 'half-once', {}, retry(2))],
        ['half-always', await requestSync(world, 'half-always')],
      ]);
      const ended = await world.ledger.allEnded(markers, 60_000);

      const once = ended.get('half-once') as OperationState;
      expect(once.phase).toBe('Succeeded');
      expect(once.retryCount).toBe(1);
      expectFullyApplied('half-once', once);
      // The failed attempt said why, and was never reported Succeeded.
      const attempts = (world.ledger.operations.get('half-once') ?? []).map((snapshot) => snapshot.state);
      expect(attempts.map((state) => state?.message)).toContainEqual(
        expect.stringMatching(
          /^one or more objects failed to apply, reason: Internal error occurred: injected fault\. Retrying attempt #1 at /,
        ),
      );
      expect(attempts.filter((state) => state?.phase === 'Succeeded' && state.retryCount === undefined)).toEqual([]);

      const always = ended.get('half-always') as OperationState;
      expect(always.phase).toBe('Failed');
      expect(always.message).toBe(
        'one or more objects failed to apply, reason: Internal error occurred: injected fault',
      );
      expect(always.syncResult?.resources?.map((result) => `${result.name}:${result.status}`)).toEqual(
        expect.arrayContaining(['first:Synced', 'second:SyncFailed']),
      );
      expect(
        world.ledger.live('ConfigMap', (ns, name) => ns === namespaceOf('half-always') && name === 'second'),
      ).toEqual([]);
      // The PostSync hook of a failed sync never runs.
      expect(world.ledger.hooksIn(namespaceOf('half-always')).some((key) => key.includes('/notify-'))).toBe(false);
      expectOnceAndInOrder(world, markers);
    } finally {
      faults.restore();
    }
  });

  // A finished hook is released (finalizer removed) and deleted by its policy after its outcome is
  // recorded; when that fails (a 500, a restart between the two), every later step — and the end of
  // the operation — settles it again instead of leaving the hook finalizer forever.
  it('a hook whose finalizer removal fails once is still released and deleted by HookSucceeded', async () => {
    const app = 'release-fails';
    await createApps([app]);
    let failures = 1;
    const faults = injectRequestFaults(destination(), (request) => {
      if (request.method !== 'PATCH' || !request.path.includes(`/namespaces/${namespaceOf(app)}/jobs/`))
        return undefined;
      if (failures <= 0) return undefined;
      failures -= 1;
      return serverError();
    });
    try {
      const markers = new Map([[app, await requestSync(world, app)]]);
      const ended = await world.ledger.allEnded(markers, 60_000);
      expect(ended.get(app)?.phase).toBe('Succeeded');
      expect(faults.hits).toHaveLength(1);
      await until(() => {
        const jobs = world.ledger.live('Job', (ns) => ns === namespaceOf(app));
        expect(
          jobs.filter((job) => job.metadata.finalizers?.includes(HOOK_FINALIZER)).map((j) => j.metadata.name),
        ).toEqual([]);
        expect(jobs.filter((job) => job.metadata.name?.startsWith('migrate-')).map((j) => j.metadata.name)).toEqual([]);
      }, 15_000);
    } finally {
      faults.restore();
    }
  });

  // A retry keeps the operation's startedAt, so its hooks get the failed attempt's generated names:
  // the preflight's dry run excuses the copy an earlier attempt left (another attempt id) when
  // BeforeHookCreation will replace it, so a retry is not refused with "already exists".
  it('a retry is not blocked by the hook its failed attempt left', async () => {
    const app = 'retry-kept-hook';
    await createApps([app], 'plain');
    const retried = () => world.ledger.app(app)?.status?.operationState?.retryCount !== undefined;
    const waveOneApplied = () =>
      world.ledger.live('ConfigMap', (ns, name) => ns === namespaceOf(app) && name === 'first').length > 0;
    const faults = injectRequestFaults(destination(), (request) =>
      request.method !== 'GET' &&
      request.path.includes(`/namespaces/${namespaceOf(app)}/configmaps`) &&
      !request.path.endsWith('/first') &&
      waveOneApplied() &&
      !retried()
        ? serverError()
        : undefined,
    );
    try {
      const markers = new Map([[app, await requestSync(world, app, {}, retry(2))]]);
      const state = (await world.ledger.allEnded(markers, 60_000)).get(app);
      expect({ phase: state?.phase, message: state?.message, retryCount: state?.retryCount }).toEqual({
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        retryCount: 1,
      });
      expect(world.ledger.duplicateHooks()).toEqual([]);
    } finally {
      faults.restore();
    }
  });

  // A write answered 429 was not processed by the API server, so it is sent again after Retry-After
  // (client-go does, so one throttled request never fails an Argo CD sync).
  it('a single 429 on an apply is retried after Retry-After, not a failed sync', async () => {
    const app = 'throttled-once';
    await createApps([app]);
    let remaining = 1;
    const hookCreated = () => world.ledger.hooksIn(namespaceOf(app)).length > 0;
    const faults = injectRequestFaults(destination(), (request) => {
      if (request.method !== 'POST' || !request.path.endsWith(`/namespaces/${namespaceOf(app)}/configmaps`))
        return undefined;
      if (!hookCreated() || remaining <= 0) return undefined;
      remaining -= 1;
      return throttled();
    });
    try {
      const markers = new Map([[app, await requestSync(world, app)]]);
      const ended = await world.ledger.allEnded(markers, 60_000);
      expect(faults.hits).toHaveLength(1);
      expect({ phase: ended.get(app)?.phase, message: ended.get(app)?.message }).toEqual({
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
      });
    } finally {
      faults.restore();
    }
  });
});
