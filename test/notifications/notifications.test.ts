// Notifications end to end on kube-sim with the real controller, repo-server and sandboxed notifier
// plugins: the seed guide's argocd-notifications-cm (service.slack, the app-sync-succeeded template,
// the on-sync-succeeded trigger, `subscribe.*.slack` annotations) delivers exactly one Slack message
// when an app syncs, and none again after a controller restart; bad input (a condition that does not
// parse or exhausts its budget, a template error, 401/500/timeouts, 1,000 recipients, a handlebars
// prototype-pollution template) is reported on the app or in the dead-letter record while the other
// notifications keep flowing.
import { CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { NotificationController } from '../../core/src/notifications/controller/notification-controller.service';
import { makeTestCertificates } from '../support/certificates';
import { startMailServer, type MailServer } from '../support/mail-server';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import {
  appStatus,
  applyLive,
  createApp,
  ensureNamespaces,
  eventually,
  metricValue,
  useControllerFixture,
} from '../controller/support';
import { startReceiver, type Receiver } from './receiver';

jest.setTimeout(120_000);

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: seed-config
data:
  value: v1
`;

let receiver: Receiver;
let mail: MailServer;

function notificationsConfig(namespace: string): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-notifications-cm', namespace },
    data: {
      // The seed guide's example, as written, pointed at the local stand-in for Slack.
      'service.slack': `token: $slack-token\napiURL: ${receiver.url}/api/\n`,
      'template.app-sync-succeeded': `slack:
  attachments: |
    [{
      "color": "#18be52",
      "title": "{{.app.metadata.name}} - Sync Succeeded",
      "title_link": "{{.context.argocdUrl}}/applications/{{.app.metadata.name}}"
    }]
`,
      'trigger.on-sync-succeeded': `- when: app.status.operationState.phase in ['Succeeded']
  send: [app-sync-succeeded]
`,
      context: 'argocdUrl: https://argocd.example.com\n',
      // Driftless: the stand-ins are on loopback, which notifier plugins may not reach by default.
      'driftless.http.networks': 'loopback',
      'driftless.delivery.attempts': '2',
      'driftless.delivery.timeoutSeconds': '1.5',
      // Argo CD's email service, through the smtp capability to a local server (STARTTLS, self-signed).
      'service.email.mail': `host: 127.0.0.1\nport: ${mail.port}\nfrom: argocd@example.com\nusername: $email-username\npassword: $email-password\ninsecure_skip_verify: true\n`,
      'trigger.on-mail': `- when: app.metadata.labels?.mail == 'yes'\n  send: [mail-template]\n`,
      'template.mail-template': `email:\n  subject: '{{.app.metadata.name}} needs attention'\nmessage: '{{.app.metadata.name}} is in project {{.app.spec.project}}'\n`,
      // Bad input, side by side with the working configuration.
      'service.webhook.ok': `url: ${receiver.url}/hook\nheaders:\n- name: Content-Type\n  value: application/json\nbasicAuth:\n  username: argo\n  password: $webhook-password\n`,
      'service.webhook.broken': `url: ${receiver.url}/status/500\n`,
      'service.webhook.denied': `url: ${receiver.url}/status/401\n`,
      'service.webhook.hanging': `url: ${receiver.url}/hang\n`,
      'service.webhook.metadata': 'url: http://169.254.169.254/latest\n',
      // One delivery per 4 s: the second of two waits in Redis across a restart.
      'service.webhook.paced': `url: ${receiver.url}/paced\n`,
      'driftless.rateLimit.paced': '1/4s',
      'trigger.on-paced': `- when: app.metadata.labels?.paced == 'yes'\n  send: [hook]\n`,
      'trigger.on-fire': `- when: app.metadata.labels?.fire == 'yes'\n  send: [hook]\n`,
      'trigger.on-unparsable': `- when: app.status.sync.status ==\n  send: [hook]\n`,
      'trigger.on-endless': `- when: "len(filter(1..100000000, # > 0)) > 0"\n  send: [hook]\n`,
      'trigger.on-template-error': `- when: 'true'\n  send: [bad-template]\n`,
      'trigger.on-pollution': `- when: app.metadata.labels?.fire == 'yes'\n  send: [pollution]\n`,
      'template.hook': `webhook:
  ok:
    method: POST
    path: /{{.app.metadata.name}}
    body: '{"app": "{{.app.metadata.name}}", "recipient": "{{.recipient}}"}'
  broken: {method: POST, body: x}
  denied: {method: POST, body: x}
  hanging: {method: POST, body: x}
  metadata: {method: POST, body: x}
  paced: {method: POST, path: '{{.recipient}}', body: x}
`,
      'template.bad-template': `webhook:\n  ok:\n    method: POST\n    body: '{{ .app.metadata.name | nosuchfunction }}'\n`,
      'template.pollution': `engine: handlebars
webhook:
  ok:
    method: POST
    path: /pollution
    body: '{{#with "constructor"}}{{#with split}}executed{{/with}}{{/with}}[{{lookup this "__proto__"}}][{{app.metadata.name}}][{{app.constructor.name}}]'
`,
    },
  } as KubernetesObject;
}

describe('notifications end to end', () => {
  const fixture = useControllerFixture({
    files: { 'seed/cm.yaml': configMap },
    prepare: async (f) => {
      receiver = await startReceiver();
      mail = await startMailServer(await makeTestCertificates(), {});
      await ensureNamespaces(f.kubeConfig, 'seed');
      await applyLive(f.kubeConfig, [
        notificationsConfig(f.namespace),
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'argocd-notifications-secret', namespace: f.namespace },
          stringData: {
            'slack-token': 'xoxb-test-token',
            'webhook-password': 'hunter22',
            'email-username': 'notifier',
            'email-password': 'app-password',
          },
        } as KubernetesObject,
      ]);
    },
  });
  afterAll(async () => {
    await receiver?.close();
    await mail?.close();
  });

  const source = () => ({ repoURL: fixture.repoURL, path: 'seed', targetRevision: 'main' });
  const destination = { server: 'https://kubernetes.default.svc', namespace: 'seed' };
  const slackPosts = () => receiver.on('/api/chat.postMessage');
  /** Waits until a synchronous expectation holds. */
  const until = (check: () => void, timeoutMs?: number) => eventually(() => Promise.resolve().then(check), timeoutMs);

  async function notificationIdle(kernel: RunningKernel): Promise<void> {
    await kernel.app.get(NotificationController).idle();
  }

  async function appEvents(name: string): Promise<string[]> {
    const events = await fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedEvent({ namespace: fixture.namespace, fieldSelector: `involvedObject.name=${name}` });
    return events.items.map((event) => `${event.reason}: ${event.message}`);
  }

  it('sends the seed example exactly once when the app syncs, with the rendered attachment', async () => {
    await createApp(
      fixture,
      'my-application',
      { source: source(), destination, syncPolicy: { automated: { prune: true, selfHeal: true } } },
      {
        'notifications.argoproj.io/subscribe.on-sync-succeeded.slack': 'deploy-notifications',
        'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'deploy-alerts',
        'notifications.argoproj.io/subscribe.on-health-degraded.slack': 'deploy-alerts',
      },
    );
    await appStatus(fixture, 'my-application', (app) => expect(app.status?.operationState?.phase).toBe('Succeeded'));
    await until(() => expect(slackPosts()).toHaveLength(1));
    const post = slackPosts()[0]!;
    expect(post.headers.authorization).toBe('Bearer xoxb-test-token');
    const payload = JSON.parse(post.body) as { channel: string; attachments: Record<string, string>[] };
    expect(payload.channel).toBe('deploy-notifications');
    expect(payload.attachments).toEqual([
      {
        color: '#18be52',
        title: 'my-application - Sync Succeeded',
        title_link: 'https://argocd.example.com/applications/my-application',
      },
    ]);
    const app = await appStatus(fixture, 'my-application', (current) =>
      expect(current.metadata.annotations?.['notified.notifications.argoproj.io']).toContain('on-sync-succeeded'),
    );
    expect(app.metadata.annotations?.['notified.notifications.argoproj.io']).toMatch(
      /^\{"on-sync-succeeded:\[0\]\.[\w-]+:slack:deploy-notifications":\d+\}$/,
    );
    // The seed subscribes to triggers its ConfigMap does not define: reported on the app.
    await eventually(async () =>
      expect(await appEvents('my-application')).toContainEqual(expect.stringContaining('on-sync-failed')),
    );
    expect(
      await metricValue(fixture.kernel, 'argocd_notifications_deliveries_total', {
        notifier: 'slack',
        succeeded: 'true',
        trigger: 'on-sync-succeeded',
      }),
    ).toBe(1);
  });

  it('sends nothing again after a controller restart', async () => {
    await fixture.kernel.stop();
    const restarted = await fixture.startKernel();
    await eventually(async () =>
      expect(
        await metricValue(restarted, 'argocd_notifications_trigger_eval_total', {
          name: 'on-sync-succeeded',
          triggered: 'true',
        }),
      ).toBeGreaterThanOrEqual(1),
    );
    // A change of the app after the restart: evaluated again, still already notified.
    await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'my-application', namespace: fixture.namespace, labels: { touched: 'yes' } },
      },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    await eventually(async () =>
      expect(
        await metricValue(restarted, 'argocd_notifications_trigger_eval_total', {
          name: 'on-sync-succeeded',
          triggered: 'true',
        }),
      ).toBeGreaterThanOrEqual(2),
    );
    await notificationIdle(restarted);
    expect(slackPosts()).toHaveLength(1);
    fixture.kernel = restarted;
  });

  it('reports bad input on the app or in the dead-letter record while other notifications flow', async () => {
    const many = Array.from({ length: 1000 }, (_, index) => `r${index}`).join(';');
    await createApp(
      fixture,
      'bad-input',
      { source: { ...source(), path: 'nowhere' }, destination },
      {
        'notifications.argoproj.io/subscribe.on-fire.ok': 'first',
        'notifications.argoproj.io/subscribe.on-fire.broken': '',
        'notifications.argoproj.io/subscribe.on-fire.denied': '',
        'notifications.argoproj.io/subscribe.on-fire.hanging': '',
        'notifications.argoproj.io/subscribe.on-fire.metadata': '',
        'notifications.argoproj.io/subscribe.on-unparsable.ok': 'never',
        'notifications.argoproj.io/subscribe.on-endless.ok': 'never',
        'notifications.argoproj.io/subscribe.on-template-error.ok': 'never',
        'notifications.argoproj.io/subscribe.on-pollution.ok': 'pollution',
      },
    );
    await createApp(
      fixture,
      'crowd',
      { source: { ...source(), path: 'nowhere' }, destination },
      { 'notifications.argoproj.io/subscribe.on-fire.ok': many },
    );
    for (const name of ['bad-input', 'crowd']) {
      await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name, namespace: fixture.namespace, labels: { fire: 'yes' } },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        'application/merge-patch+json',
      );
    }
    // The working destinations get their messages.
    await until(() => expect(receiver.on('/hook/bad-input')).toHaveLength(1));
    const hook = receiver.on('/hook/bad-input')[0]!;
    expect(JSON.parse(hook.body)).toEqual({ app: 'bad-input', recipient: 'first' });
    expect(hook.headers.authorization).toBe(`Basic ${Buffer.from('argo:hunter22').toString('base64')}`);
    await until(() => expect(receiver.on('/hook/crowd')).toHaveLength(100));
    // Handlebars: no prototype access, nothing executed.
    await until(() => expect(receiver.on('/hook/pollution')).toHaveLength(1));
    expect(receiver.on('/hook/pollution')[0]!.body).toBe('[][bad-input][]');
    // Every failure is reported, each in its place.
    await eventually(async () => {
      const events = (await appEvents('bad-input')).join('\n');
      expect(events).toContain('NotificationConfigError: trigger on-unparsable is not usable');
      expect(events).toContain('NotificationTriggerError: trigger on-endless');
      expect(events).toMatch(/NotificationTemplateError: .*nosuchfunction/);
      expect(events).toMatch(/NotificationDeliveryFailed: trigger on-fire → broken:.* failed after 2 attempt/);
      expect(events).toMatch(/NotificationDeliveryFailed: trigger on-fire → denied:.* failed after 1 attempt/);
      expect(events).toMatch(/NotificationDeliveryFailed: trigger on-fire → hanging:.*PLUGIN_TIMEOUT/);
      expect(events).toMatch(/NotificationDeliveryFailed: trigger on-fire → metadata:.*not granted/);
    }, 60_000);
    expect((await appEvents('crowd')).join('\n')).toContain('only the first 100 are notified');
    const deadLetters = await fixture.kernel.app.get(NotificationController).deliveryService!.deadLetters();
    expect(deadLetters.map((letter) => letter.service).sort()).toEqual(['broken', 'denied', 'hanging', 'metadata']);
    expect(receiver.on('/status/500')).toHaveLength(2);
    expect(receiver.on('/status/401')).toHaveLength(1);
    // The secret never shows in a dead letter.
    expect(JSON.stringify(deadLetters)).not.toContain('hunter22');
  });

  it('mails each recipient of the email service over STARTTLS with its login', async () => {
    await createApp(
      fixture,
      'mailed',
      { source: { ...source(), path: 'nowhere' }, destination },
      { 'notifications.argoproj.io/subscribe.on-mail.mail': 'ops@example.com;lead@example.com' },
    );
    await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'mailed', namespace: fixture.namespace, labels: { mail: 'yes' } },
      },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    await until(() => expect(mail.received).toHaveLength(2), 60_000);
    expect(mail.received.map((message) => message.to[0]).sort()).toEqual(['lead@example.com', 'ops@example.com']);
    for (const message of mail.received) {
      expect(message).toMatchObject({ from: 'argocd@example.com', secure: true, user: 'notifier' });
      expect(message.body).toContain('Subject: mailed needs attention');
      expect(message.body).toContain('mailed is in project default');
    }
  });

  it('delivers what was queued before a restart once, from the restarted controller', async () => {
    await createApp(
      fixture,
      'paced',
      { source: { ...source(), path: 'nowhere' }, destination },
      { 'notifications.argoproj.io/subscribe.on-paced.paced': 'first;second' },
    );
    await labelApp('paced', { paced: 'yes' });
    await until(() => expect(receiver.requests.filter((request) => request.path.startsWith('/paced'))).toHaveLength(1));
    await fixture.kernel.stop();
    const restarted = await fixture.startKernel();
    fixture.kernel = restarted;
    await eventually(async () =>
      expect(
        await metricValue(restarted, 'argocd_notifications_deliveries_total', {
          notifier: 'paced',
          succeeded: 'true',
          trigger: 'on-paced',
        }),
      ).toBe(1),
    );
    await notificationIdle(restarted);
    expect(
      receiver.requests
        .filter((request) => request.path.startsWith('/paced'))
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/paced/first', '/paced/second']);
  });

  it('runs one evaluating replica; a second stands by, takes over when it stops, and sends nothing twice', async () => {
    // With the repo-server role too: once the first kernel is gone, the app controller still renders.
    const second = await fixture.startKernel(['controller', 'repo-server']);
    await createApp(
      fixture,
      'twins',
      { source: { ...source(), path: 'nowhere' }, destination },
      { 'notifications.argoproj.io/subscribe.on-fire.ok': 'twins' },
    );
    await labelApp('twins', { fire: 'yes' });
    await until(() => expect(receiver.on('/hook/twins')).toHaveLength(1));
    expect(second.app.get(NotificationController).leading).toBe(false);
    expect(
      await metricValue(second, 'argocd_notifications_trigger_eval_total', { name: 'on-fire', triggered: 'true' }),
    ).toBe(0);
    // The first replica stops and hands the Lease over: the second evaluates every app again.
    await fixture.kernel.stop();
    fixture.kernel = second;
    await eventually(async () =>
      expect(
        await metricValue(second, 'argocd_notifications_trigger_eval_total', { name: 'on-fire', triggered: 'true' }),
      ).toBeGreaterThanOrEqual(3),
    );
    await notificationIdle(second);
    expect(receiver.on('/hook/twins')).toHaveLength(1);
    expect(receiver.on('/hook/bad-input')).toHaveLength(1);
    expect(receiver.on('/hook/crowd')).toHaveLength(100);
    expect(slackPosts()).toHaveLength(1);
  });

  async function labelApp(name: string, labels: Record<string, string>): Promise<void> {
    await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, namespace: fixture.namespace, labels },
      },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
  }
});
