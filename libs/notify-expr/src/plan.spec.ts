import {
  catalogTriggers,
  compileTrigger,
  createNotificationEnv,
  forgetDelivery,
  planNotifications,
  UnknownTriggerError,
  type CompiledTrigger,
  type Destination,
  type ExprMap,
} from './index';

const slack: Destination = { service: 'slack', recipient: 'deployments' };
const mail: Destination = { service: 'email', recipient: 'ops@example.com' };
const NOW = 1_795_630_200;

function app(phase: string, revision: string): Record<string, unknown> {
  return {
    metadata: { name: 'guestbook', namespace: 'argocd' },
    status: {
      sync: { status: 'Synced', revision },
      health: { status: 'Healthy' },
      operationState: { phase, syncResult: { revision } },
    },
  };
}

const env = (application: Record<string, unknown>): ExprMap => createNotificationEnv({ app: application });
const catalog = catalogTriggers();

describe('oncePer triggers', () => {
  const destinations = new Map([['on-sync-succeeded', [slack, mail]]]);

  test('first pass sends to every destination and records each', () => {
    const plan = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'aaa')),
      nowUnixSeconds: NOW,
    });
    expect(plan.send.map((item) => item.destination)).toEqual([slack, mail]);
    expect(plan.send[0]!.templates).toEqual(['app-sync-succeeded']);
    expect(plan.send[0]!.stateKey).toMatch(/^aaa:on-sync-succeeded:\[0\]\.[\w-]{27}:slack:deployments$/);
    expect(plan.annotationChanged).toBe(true);
    expect(JSON.parse(plan.annotation!)).toEqual({ [plan.send[0]!.stateKey]: NOW, [plan.send[1]!.stateKey]: NOW });
  });

  test('the same revision is not sent twice; a new revision is', () => {
    const first = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'aaa')),
      nowUnixSeconds: NOW,
    });
    const again = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'aaa')),
      notifiedAnnotation: first.annotation,
      nowUnixSeconds: NOW + 60,
    });
    expect(again.send).toEqual([]);
    expect(again.alreadyNotified).toHaveLength(2);
    expect(again.annotationChanged).toBe(false);

    const next = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'bbb')),
      notifiedAnnotation: first.annotation,
      nowUnixSeconds: NOW + 120,
    });
    expect(next.send.map((item) => item.oncePer)).toEqual(['bbb', 'bbb']);
    expect(Object.keys(JSON.parse(next.annotation!) as object)).toHaveLength(4);
  });

  test('a oncePer entry survives the condition turning false', () => {
    const first = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'aaa')),
      nowUnixSeconds: NOW,
    });
    const running = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Running', 'aaa')),
      notifiedAnnotation: first.annotation,
      nowUnixSeconds: NOW + 60,
    });
    expect(running.annotation).toBe(first.annotation);
    const back = planNotifications({
      triggers: catalog,
      destinations,
      env: env(app('Succeeded', 'aaa')),
      notifiedAnnotation: running.annotation,
      nowUnixSeconds: NOW + 120,
    });
    expect(back.send).toEqual([]);
  });
});

describe('triggers without oncePer', () => {
  const triggers = new Map<string, CompiledTrigger>([
    [
      'on-degraded',
      compileTrigger('on-degraded', [{ when: "app.status.health.status == 'Degraded'", send: ['degraded'] }]),
    ],
  ]);
  const destinations = new Map([['on-degraded', [slack]]]);
  const withHealth = (status: string) => createNotificationEnv({ app: { status: { health: { status } } } });

  test('must become false before firing again', () => {
    const fired = planNotifications({ triggers, destinations, env: withHealth('Degraded'), nowUnixSeconds: NOW });
    expect(fired.send).toHaveLength(1);
    expect(fired.send[0]!.stateKey).toBe('on-degraded:[0].zoG5zUjYGjimkwCGgIQGjx1hO5s:slack:deployments');

    const still = planNotifications({
      triggers,
      destinations,
      env: withHealth('Degraded'),
      notifiedAnnotation: fired.annotation,
      nowUnixSeconds: NOW + 1,
    });
    expect(still.send).toHaveLength(0);
    expect(still.alreadyNotified).toHaveLength(1);

    const recovered = planNotifications({
      triggers,
      destinations,
      env: withHealth('Healthy'),
      notifiedAnnotation: still.annotation,
      nowUnixSeconds: NOW + 2,
    });
    expect(recovered.annotation).toBeUndefined();
    expect(recovered.annotationChanged).toBe(true);

    const again = planNotifications({
      triggers,
      destinations,
      env: withHealth('Degraded'),
      notifiedAnnotation: recovered.annotation,
      nowUnixSeconds: NOW + 3,
    });
    expect(again.send).toHaveLength(1);
  });

  test('a failed delivery is forgotten so the next pass retries it', () => {
    const fired = planNotifications({ triggers, destinations, env: withHealth('Degraded'), nowUnixSeconds: NOW });
    const annotation = forgetDelivery(fired.state, fired.send[0]!);
    expect(annotation).toBeUndefined();
    const retry = planNotifications({
      triggers,
      destinations,
      env: withHealth('Degraded'),
      notifiedAnnotation: annotation,
      nowUnixSeconds: NOW + 1,
    });
    expect(retry.send).toHaveLength(1);
  });
});

test('an annotation written by Argo CD stays valid', () => {
  const triggers = new Map([
    ['my-trigger', compileTrigger('my-trigger', [{ when: "var1 == 'abc'", send: ['t'], oncePer: 'revision' }])],
  ]);
  const plan = planNotifications({
    triggers,
    destinations: new Map([['my-trigger', [slack]]]),
    env: { var1: 'abc', revision: '123' },
    notifiedAnnotation: '{"123:my-trigger:[0].9JNsSLKRNri0XKPzsE9_RFzGWh0:slack:deployments":1700000000}',
    nowUnixSeconds: NOW,
  });
  expect(plan.send).toEqual([]);
  expect(plan.alreadyNotified).toHaveLength(1);
  expect(plan.annotationChanged).toBe(false);
});

test('self-service configs prefix state keys with their namespace', () => {
  const plan = planNotifications({
    triggers: catalog,
    destinations: new Map([['on-created', [slack]]]),
    env: env(app('Succeeded', 'aaa')),
    nowUnixSeconds: NOW,
    selfServiceNamespace: 'team-a',
  });
  expect(plan.send[0]!.stateKey).toBe('guestbook:team-a:on-created:[0].X_5TO4MPCKAyY0ipFgr6_IraRNs:slack:deployments');
});

test('an unknown trigger is reported and skipped', () => {
  const plan = planNotifications({
    triggers: catalog,
    destinations: new Map([
      ['on-nothing', [slack]],
      ['on-created', [slack]],
    ]),
    env: env(app('Succeeded', 'aaa')),
    nowUnixSeconds: NOW,
  });
  expect(plan.warnings).toHaveLength(1);
  expect(plan.warnings[0]!.error).toBeInstanceOf(UnknownTriggerError);
  expect(plan.warnings[0]!.error.message).toContain('add trigger.on-nothing to argocd-notifications-cm');
  expect(plan.send).toHaveLength(1);
});

test('1,000 recipients: the condition runs once, every recipient is planned, the annotation keeps 100 entries', () => {
  let evaluations = 0;
  const counted = createNotificationEnv({
    app: app('Succeeded', 'aaa'),
    repo: {
      Seen: () => {
        evaluations += 1;
        return true;
      },
    },
  });
  const triggers = new Map([
    ['on-any', compileTrigger('on-any', [{ when: 'repo.Seen()', send: ['t'], oncePer: 'app.metadata.name' }])],
  ]);
  const recipients = Array.from({ length: 1000 }, (_, index) => ({
    service: 'webhook',
    recipient: `hook-${String(index).padStart(4, '0')}`,
  }));
  const plan = planNotifications({
    triggers,
    destinations: new Map([['on-any', recipients]]),
    env: counted,
    nowUnixSeconds: NOW,
  });
  expect(evaluations).toBe(1);
  expect(plan.send).toHaveLength(1000);
  expect(new Set(plan.send.map((item) => item.stateKey)).size).toBe(1000);
  expect(plan.state.size).toBe(1000);
  expect(Object.keys(JSON.parse(plan.annotation!) as object)).toHaveLength(100);
});
