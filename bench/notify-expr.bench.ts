// Trigger-condition cost of @driftless/notify-expr: compiling and evaluating the catalog's most
// complex condition (on-deployed), one notifications pass over an app subscribed to all 8 catalog
// triggers, and a pass with 1,000 recipients. The controller goal this serves: a notification pass
// over 10,000 apps (8 triggers each) well under a second of CPU, i.e. ≤ 100 µs per app.
import {
  CATALOG_TRIGGERS,
  catalogTriggers,
  compileExpression,
  createNotificationEnv,
  parseTriggerYaml,
  planNotifications,
  type Destination,
} from '@driftless/notify-expr';
import { round, timePerRun, type BenchmarkResult } from './benchmark';

const app = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd', labels: { team: 'shop' } },
  spec: {
    project: 'default',
    source: { repoURL: 'git@github.com:example/guestbook.git', path: 'deploy', targetRevision: 'main' },
  },
  status: {
    sync: { status: 'Synced', revision: '4f2a9c1e0d7b8a6f5e4d3c2b1a0f9e8d7c6b5a49' },
    health: { status: 'Healthy', lastTransitionTime: '2026-11-25T18:01:20Z' },
    operationState: {
      phase: 'Succeeded',
      startedAt: '2026-11-25T18:00:00Z',
      finishedAt: '2026-11-25T18:01:00Z',
      syncResult: { revision: '4f2a9c1e0d7b8a6f5e4d3c2b1a0f9e8d7c6b5a49' },
    },
  },
};

export default async function benchmark(): Promise<BenchmarkResult[]> {
  const onDeployed = parseTriggerYaml('on-deployed', CATALOG_TRIGGERS['trigger.on-deployed']!)[0]!.when;
  const env = createNotificationEnv({ app, clock: () => new Date('2026-11-25T18:10:00Z') });
  const compiled = compileExpression(onDeployed);
  if (compiled.evaluate(env) !== true) throw new Error('benchmark fixture must fire on-deployed');

  const triggers = catalogTriggers();
  const destinations = new Map<string, Destination[]>(
    [...triggers.keys()].map((name) => [
      name,
      [
        { service: 'slack', recipient: 'deployments' },
        { service: 'email', recipient: 'ops@example.com' },
      ],
    ]),
  );
  const first = planNotifications({ triggers, destinations, env, nowUnixSeconds: 1_795_630_200 });
  const steadyState = {
    triggers,
    destinations,
    env,
    notifiedAnnotation: first.annotation,
    nowUnixSeconds: 1_795_630_260,
  };

  const recipients = Array.from({ length: 1000 }, (_, index) => ({ service: 'webhook', recipient: `hook-${index}` }));
  const wide = {
    triggers,
    destinations: new Map([['on-sync-succeeded', recipients]]),
    env,
    nowUnixSeconds: 1_795_630_200,
  };

  const compileMs = await timePerRun(() => compileExpression(onDeployed), 300);
  const evaluateMs = await timePerRun(() => compiled.evaluate(env), 300);
  const passMs = await timePerRun(() => planNotifications(steadyState), 500);
  const wideMs = await timePerRun(() => planNotifications(wide), 300);

  return [
    { name: 'compile on-deployed condition', value: round(compileMs * 1000, 1), unit: 'µs' },
    { name: 'evaluate on-deployed condition (compiled)', value: round(evaluateMs * 1000, 1), unit: 'µs' },
    {
      name: 'notification pass, 8 catalog triggers × 2 destinations',
      value: round(passMs * 1000, 1),
      unit: 'µs/app',
      goal: '≤ 100',
    },
    { name: 'notification pass, 1 trigger × 1,000 recipients', value: round(wideMs, 2), unit: 'ms' },
  ];
}
