import { parseNotificationConfig, parseRateLimit } from './notification-config';

describe('parseNotificationConfig', () => {
  it('reads services by name and type, replacing $key references from the Secret', () => {
    const config = parseNotificationConfig(
      {
        'service.slack': 'token: $slack-token\nusername: argocd\n',
        'service.webhook.github':
          'url: https://api.github.com\nheaders:\n- name: Authorization\n  value: token $github.token\n',
        'service.webhook.missing': 'url: $no-such-key/x\n',
      },
      { 'slack-token': 'xoxb-1', 'github.token': 'ghp_2' },
    );
    expect(config.services.get('slack')).toEqual({
      name: 'slack',
      type: 'slack',
      config: { token: 'xoxb-1', username: 'argocd' },
      secrets: { 'slack-token': 'xoxb-1' },
    });
    expect(config.services.get('github')).toMatchObject({
      type: 'webhook',
      config: { headers: [{ name: 'Authorization', value: 'token ghp_2' }] },
      secrets: { 'github.token': 'ghp_2' },
    });
    expect(config.services.get('missing')?.config).toEqual({ url: '$no-such-key/x' });
  });

  it('reads templates with their engine, triggers, default triggers, subscriptions and context', () => {
    const config = parseNotificationConfig({
      'template.a': 'message: hi {{.app.metadata.name}}\nslack:\n  attachments: "[]"\n',
      'template.b': 'engine: handlebars\nmessage: hi {{app.metadata.name}}\n',
      'trigger.on-x': "- when: app.status.health.status == 'Degraded'\n  send: [a]\n",
      defaultTriggers: '- on-x\n',
      'defaultTriggers.mattermost': '- on-y\n',
      subscriptions: '- recipients: [slack:ops]\n  triggers: [on-x]\n  selector: env in (prod), team\n',
      context: 'argocdUrl: https://cd.example.com\n',
    });
    expect(config.templates.get('a')).toEqual({
      name: 'a',
      engine: 'go',
      fields: { message: 'hi {{.app.metadata.name}}', slack: { attachments: '[]' } },
    });
    expect(config.templates.get('b')?.engine).toBe('handlebars');
    expect(config.triggers.get('on-x')?.conditions).toHaveLength(1);
    expect(config.defaultTriggers).toEqual(['on-x']);
    expect(config.serviceDefaultTriggers.get('mattermost')).toEqual(['on-y']);
    expect(config.subscriptions).toEqual([
      {
        recipients: ['slack:ops'],
        triggers: ['on-x'],
        selector: [
          { key: 'env', op: 'in', values: ['prod'] },
          { key: 'team', op: 'exists' },
        ],
      },
    ]);
    expect(config.context).toEqual({ argocdUrl: 'https://cd.example.com' });
    expect(config.problems).toEqual([]);
  });

  it('keeps working when single keys are broken, naming each', () => {
    const config = parseNotificationConfig({
      'trigger.on-bad': '- when: app.status ==\n  send: [a]\n',
      'trigger.on-good': "- when: 'true'\n  send: [a]\n",
      'template.bad-yaml': 'message: [unclosed\n',
      'template.bad-engine': 'engine: jinja\nmessage: x\n',
      'service.slack': '- not a map\n',
      'driftless.http.networks': 'loopback,everything',
    });
    expect(config.triggers.has('on-good')).toBe(true);
    expect(config.problems.map((problem) => problem.key)).toEqual([
      'driftless.http.networks',
      'service.slack',
      'template.bad-engine',
      'template.bad-yaml',
      'trigger.on-bad',
    ]);
    expect(config.problems.find((problem) => problem.key === 'trigger.on-bad')?.message).toContain(
      'condition [0].when',
    );
  });

  it('reads the Driftless delivery settings', () => {
    const config = parseNotificationConfig({
      'driftless.http.networks': 'loopback, private',
      'driftless.rateLimit': '20/s',
      'driftless.rateLimit.slack': '1/1s',
      'driftless.delivery.attempts': '3',
      'driftless.delivery.timeoutSeconds': '2.5',
    });
    expect(config.settings).toEqual({
      networks: ['loopback', 'private'],
      defaultRateLimit: { max: 20, durationMs: 1000 },
      rateLimits: new Map([['slack', { max: 1, durationMs: 1000 }]]),
      attempts: 3,
      timeoutMs: 2500,
    });
  });

  it.each([
    ['10', { max: 10, durationMs: 1000 }],
    ['10/1s', { max: 10, durationMs: 1000 }],
    ['60/m', { max: 60, durationMs: 60_000 }],
    ['5/500ms', { max: 5, durationMs: 500 }],
  ])('parses the rate %s', (text, expected) => expect(parseRateLimit(text)).toEqual(expected));

  it.each(['0', 'fast', '10/h', '-1/s'])('refuses the rate %s', (text) => expect(() => parseRateLimit(text)).toThrow());
});
