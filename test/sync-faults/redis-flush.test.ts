// FI-04: Redis loses everything of this installation (its keys deleted —
// FLUSHALL without touching the other suites that share the Redis) while 20
// operations wait for their 2-second PreSync hooks. Redis holds only
// wake-ups, queues and caches: every operation is re-derived from its
// Application and still ends Succeeded, once, with each hook created once.
import { createApp, ensureNamespaces } from '../controller/support';
import { requestSync } from '../sync/support';
import { configMap, deleteRedisKeys, hookJob, until, useFaultWorld } from './support';

const files = {
  'app/hooks.yaml': [
    hookJob('migrate-', 'PreSync', { 'sim.driftless.dev/run-seconds': '2' }),
    hookJob('notify-', 'PostSync'),
  ].join('---\n'),
  'app/config.yaml': [configMap('first', 1), configMap('second', 2)].join('---\n'),
};

describe('FI-04: Redis flushed in the middle of 20 running operations', () => {
  const world = useFaultWorld({ files });

  // The queues' jobs are gone with the flush: the marker key the queue wrote at start is gone too,
  // so the 15-second sweep notices the loss, forgets which apps it thought were queued, and asks for
  // every operation again — the Applications are the record.
  it('every operation still ends Succeeded once, hooks created once, within 45 s', async () => {
    const apps = Array.from({ length: 20 }, (_, i) => `flushed-${i}`);
    const namespaceOf = (app: string) => `dest-${app}`;
    await ensureNamespaces(world.kubeConfig, ...apps.map(namespaceOf));
    await world.startKernel(['controller', 'repo-server']);
    for (const app of apps)
      await createApp(world, app, {
        source: { repoURL: world.repoURL, path: 'app', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace: namespaceOf(app) },
      });
    const markers = new Map<string, string>();
    for (const app of apps) markers.set(app, await requestSync(world, app));
    // In the middle: every operation has created its PreSync hook and waits for it.
    await until(() =>
      expect(apps.filter((app) => world.ledger.hooksIn(namespaceOf(app)).length > 0)).toHaveLength(apps.length),
    );
    const deleted = await deleteRedisKeys(world.namespace);
    expect(deleted).toBeGreaterThan(0);

    const ended = await world.ledger.allEnded(markers, 45_000);
    expect(
      [...ended].filter(([, state]) => state.phase !== 'Succeeded').map(([app, s]) => `${app}: ${s.message}`),
    ).toEqual([]);
    expect([...markers].flatMap(([app, marker]) => world.ledger.violations(app, [marker]))).toEqual([]);
    expect(world.ledger.duplicateHooks()).toEqual([]);
    for (const app of apps) expect(world.ledger.hooksIn(namespaceOf(app))).toHaveLength(2);
  }, 90_000);
});
