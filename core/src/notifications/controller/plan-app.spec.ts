import { NOTIFIED_ANNOTATION, parseNotifiedState } from '@driftless/notify-expr';
import { parseNotificationConfig } from '../config/notification-config';
import { NotificationRenderer } from '../render/render-notification';
import { planAppPass, type KubeResource } from './plan-app';

const config = parseNotificationConfig(
  {
    'service.slack': 'token: $slack-token\n',
    'service.webhook.hook': 'url: https://hooks.example.com\n',
    'service.teams': 'recipientUrls: {}\n',
    'template.synced': 'message: "{{.app.metadata.name}} synced"\n',
    'template.broken': 'message: "{{ .app | nosuch }}"\n',
    'trigger.on-synced':
      "- when: app.status.operationState?.phase == 'Succeeded'\n  oncePer: app.status.operationState?.syncResult?.revision\n  send: [synced]\n",
    'trigger.on-broken': "- when: 'true'\n  send: [broken]\n",
    'trigger.on-missing-template': "- when: 'true'\n  send: [nowhere]\n",
    'trigger.on-unparsable': '- when: app ==\n  send: [synced]\n',
  },
  { 'slack-token': 'xoxb' },
);

function app(annotations: Record<string, string>, phase = 'Succeeded', revision = 'r1'): KubeResource {
  return {
    metadata: { name: 'guestbook', namespace: 'argocd', uid: 'u1', resourceVersion: '7', annotations },
    status: { operationState: { phase, syncResult: { revision } } },
  } as KubeResource;
}

function pass(resource: KubeResource, now = 1000) {
  return planAppPass({
    config,
    app: resource,
    renderer: new NotificationRenderer(),
    nowUnixSeconds: now,
    servedTypes: new Set(['slack', 'webhook']),
  });
}

describe('planAppPass', () => {
  it('plans one delivery per destination and the annotation that records them', () => {
    const result = pass(app({ 'notifications.argoproj.io/subscribe.on-synced.slack': 'a;b' }));
    expect(result.deliveries.map((delivery) => [delivery.destination, delivery.notification.body])).toEqual([
      ['a', 'guestbook synced'],
      ['b', 'guestbook synced'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.evaluated).toEqual([{ trigger: 'on-synced', triggered: true }]);
    const state = parseNotifiedState(result.annotation?.value);
    expect([...state.values()]).toEqual([1000, 1000]);
    expect(result.deliveries[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(result.deliveries.map((delivery) => delivery.id)).size).toBe(2);
  });

  it('plans nothing for what the annotation already records, and again for a new oncePer value', () => {
    const first = pass(app({ 'notifications.argoproj.io/subscribe.on-synced.slack': 'a' }));
    const annotations = {
      'notifications.argoproj.io/subscribe.on-synced.slack': 'a',
      [NOTIFIED_ANNOTATION]: first.annotation!.value!,
    };
    const again = pass(app(annotations), 2000);
    expect(again.deliveries).toEqual([]);
    expect(again.annotation).toBeUndefined();
    expect(pass(app(annotations, 'Succeeded', 'r2'), 3000).deliveries).toHaveLength(1);
  });

  it('gives the same delivery id to the same planning (two replicas), another to a later one', () => {
    const resource = app({ 'notifications.argoproj.io/subscribe.on-synced.slack': 'a' });
    expect(pass(resource).deliveries[0]!.id).toBe(pass(resource).deliveries[0]!.id);
    expect(pass(resource, 1001).deliveries[0]!.id).not.toBe(pass(resource).deliveries[0]!.id);
  });

  it('reports template, trigger and service problems, leaves them out of the state, and still delivers the rest', () => {
    const result = pass(
      app({
        'notifications.argoproj.io/subscribe.on-synced.slack': 'ok',
        'notifications.argoproj.io/subscribe.on-broken.slack': 'x',
        'notifications.argoproj.io/subscribe.on-missing-template.slack': 'x',
        'notifications.argoproj.io/subscribe.on-unparsable.slack': 'x',
        'notifications.argoproj.io/subscribe.on-undefined.slack': 'x',
        'notifications.argoproj.io/subscribe.on-synced.nosuchservice': 'x',
        'notifications.argoproj.io/subscribe.on-synced.teams': 'x',
      }),
    );
    expect(result.deliveries.map((delivery) => `${delivery.service}:${delivery.destination}`)).toEqual(['slack:ok']);
    expect(result.problems.map((problem) => `${problem.reason}: ${problem.message}`)).toEqual([
      expect.stringMatching(/^NotificationConfigError: trigger on-unparsable is not usable: .*condition \[0\]\.when/),
      expect.stringMatching(/^NotificationTriggerError: trigger on-undefined.*not/),
      expect.stringMatching(/^NotificationConfigError: .*nosuchservice.*not configured/),
      expect.stringMatching(/^NotificationConfigError: .*no notifier plugin serves service type 'teams'/),
      expect.stringMatching(/^NotificationTemplateError: trigger on-broken → slack:x: template broken: .*nosuch/),
      expect.stringMatching(
        /^NotificationTemplateError: trigger on-missing-template → slack:x: template nowhere .*not defined/,
      ),
    ]);
    expect([...parseNotifiedState(result.annotation?.value).keys()]).toEqual([
      expect.stringContaining('on-synced:[0]'),
    ]);
  });

  it('plans nothing for an app without subscriptions', () => {
    expect(pass(app({}))).toEqual({ deliveries: [], annotation: undefined, problems: [], evaluated: [] });
  });
});
