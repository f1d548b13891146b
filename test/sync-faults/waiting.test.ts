// "A step never waits in a worker: it answers 'later' (5 s, or sooner on a
// live change)" (ARCHITECTURE.md, the sync engine). An operation waiting for
// a hook must therefore cost a handful of steps, not a worker spinning on it:
// with thousands of apps waiting for slow hooks, a spinning queue starves
// every other operation and refresh of CPU, Redis and API round trips.
import { AppController } from '../../core/src/controller/app-controller.service';
import { type OperationRunner } from '../../core/src/controller/operations/operation-runner';
import { createApp, ensureNamespaces } from '../controller/support';
import { requestSync } from '../sync/support';
import { hookJob, useFaultWorld } from './support';

describe('an operation waiting for its hook', () => {
  const world = useFaultWorld({
    files: { 'app/hooks.yaml': hookJob('wait-', 'PreSync', { 'sim.driftless.dev/run-seconds': '6' }) },
  });

  // A request made while the app is being worked on keeps its delay (the runner's "look again in
  // 5 s"): an operation waiting for a 6-second hook is stepped a handful of times, not in a loop.
  it('looks again every 5 s or when one of its objects changes, not in a loop', async () => {
    await ensureNamespaces(world.kubeConfig, 'dest-waiting');
    const kernel = await world.startKernel(['controller', 'repo-server']);
    const { runner } = kernel.app.get<unknown, { runner: OperationRunner }>(AppController);
    const run = runner.run.bind(runner);
    let steps = 0;
    runner.run = (app) => {
      steps += 1;
      return run(app);
    };
    await createApp(world, 'waiting', {
      source: { repoURL: world.repoURL, path: 'app', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'dest-waiting' },
    });
    const marker = await requestSync(world, 'waiting');
    const ended = await world.ledger.allEnded(new Map([['waiting', marker]]), 30_000);
    expect(ended.get('waiting')?.phase).toBe('Succeeded');
    // The first step, a look every 5 s, and one per change of the Job and its pod (debounced 250 ms).
    expect(steps).toBeLessThanOrEqual(12);
  });
});
