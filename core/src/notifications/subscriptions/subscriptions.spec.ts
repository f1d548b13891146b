import { parseNotificationConfig } from '../config/notification-config';
import { parseRecipients, resolveSubscriptions } from './subscriptions';

const config = parseNotificationConfig({
  defaultTriggers: '[on-sync-status-unknown]',
  'defaultTriggers.mattermost': '[on-deployed, on-health-degraded]',
  subscriptions: [
    '- recipients: [slack:platform, webhook-noop]',
    '  triggers: [on-sync-failed]',
    '  selector: team=platform',
    '- recipients: [slack:everyone]',
  ].join('\n'),
});

const list = (resolved: ReturnType<typeof resolveSubscriptions>) =>
  [...resolved.destinations].flatMap(([trigger, destinations]) =>
    destinations.map(({ service, recipient }) => `${trigger} ${service}:${recipient}`),
  );

describe('resolveSubscriptions', () => {
  it('reads subscribe.<trigger>.<service> with ; and , separated recipients, and an empty value as one recipient', () => {
    const resolved = resolveSubscriptions(config, {
      annotations: {
        'notifications.argoproj.io/subscribe.on-sync-succeeded.slack': 'a; b,c',
        'notifications.argoproj.io/subscribe.on-sync-succeeded.github': '',
        'unrelated/annotation': 'x',
      },
    });
    expect(list(resolved)).toEqual([
      'on-sync-succeeded slack:a',
      'on-sync-succeeded slack:b',
      'on-sync-succeeded slack:c',
      'on-sync-succeeded github:',
      'on-sync-status-unknown slack:everyone',
    ]);
  });

  it('uses default triggers for subscribe.<service>, per service when defaultTriggers.<service> is set', () => {
    const resolved = resolveSubscriptions(config, {
      annotations: {
        'notifications.argoproj.io/subscribe.slack': 'ops',
        'notifications.argoproj.io/subscribe.mattermost': 'town',
      },
    });
    expect(list(resolved)).toEqual([
      'on-sync-status-unknown slack:ops',
      'on-sync-status-unknown slack:everyone',
      'on-deployed mattermost:town',
      'on-health-degraded mattermost:town',
    ]);
  });

  it('reads the YAML subscriptions annotation, the project, and cm subscriptions by label selector', () => {
    const resolved = resolveSubscriptions(
      config,
      {
        labels: { team: 'platform' },
        annotations: {
          'notifications.argoproj.io/subscriptions': [
            '- trigger: [on-deployed]',
            '  destinations:',
            '  - service: teams',
            '    recipients: [x, y]',
          ].join('\n'),
        },
      },
      { annotations: { 'notifications.argoproj.io/subscribe.on-created.slack': 'projects' } },
    );
    expect(list(resolved)).toEqual([
      'on-deployed teams:x',
      'on-deployed teams:y',
      'on-created slack:projects',
      'on-sync-failed slack:platform',
      'on-sync-failed webhook-noop:',
      'on-sync-status-unknown slack:everyone',
    ]);
  });

  it('deduplicates, and caps 1,000 recipients at what the dedup annotation holds, reporting the rest', () => {
    const many = Array.from({ length: 1000 }, (_, index) => `r${index}`).join(';');
    const resolved = resolveSubscriptions(parseNotificationConfig({}), {
      annotations: { 'notifications.argoproj.io/subscribe.on-x.slack': `${many};r0;r1` },
    });
    expect(resolved.destinations.get('on-x')).toHaveLength(100);
    expect(resolved.problems).toEqual([expect.stringContaining('900 dropped')]);
  });

  it('reports a YAML subscriptions annotation that does not parse and keeps the others', () => {
    const resolved = resolveSubscriptions(parseNotificationConfig({}), {
      annotations: {
        'notifications.argoproj.io/subscriptions': '- trigger: [unclosed',
        'notifications.argoproj.io/subscribe.on-x.slack': 'a',
      },
    });
    expect(list(resolved)).toEqual(['on-x slack:a']);
    expect(resolved.problems[0]).toContain('not valid YAML');
  });

  it('parses recipients', () => {
    expect(parseRecipients(' a ;b,, c ')).toEqual(['a', 'b', 'c']);
  });
});
