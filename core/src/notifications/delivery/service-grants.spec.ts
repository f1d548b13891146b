import { parseNotificationConfig } from '../config/notification-config';
import { serviceGrants } from './service-grants';

describe('serviceGrants', () => {
  const config = parseNotificationConfig(
    {
      'service.webhook.github':
        'url: https://api.github.com/repos\nheaders:\n- name: Authorization\n  value: token $gh\n',
      'service.slack': 'token: $slack\napiURL: http://127.0.0.1:8081/api/\n',
      'service.webhook.plain': 'url: not a url\n',
    },
    { gh: 'ghp', slack: 'xoxb', unused: 'x' },
  );

  it('grants the hosts of the service URLs and the secrets it references, nothing else', () => {
    expect(serviceGrants(config.services.get('github')!, undefined, [])).toEqual({
      http: { hosts: ['api.github.com'], networks: [] },
      secrets: { names: ['gh'] },
    });
  });

  it('adds the hosts the manifest asks for, and the networks the cm allows', () => {
    expect(
      serviceGrants(config.services.get('slack')!, { http: { hosts: ['slack.com', 'hooks.slack.com'] } }, ['loopback']),
    ).toEqual({
      http: { hosts: ['127.0.0.1:8081', 'hooks.slack.com', 'slack.com'], networks: ['loopback'] },
      secrets: { names: ['slack'] },
    });
  });

  it('grants no http without a URL', () => {
    expect(serviceGrants(config.services.get('plain')!, undefined, ['private'])).toEqual({});
  });

  it('grants the bare hosts of Alertmanager targets and Opsgenie apiUrl', () => {
    const bare = parseNotificationConfig({
      'service.alertmanager': 'targets: [am-0.monitoring:9093, am-1.monitoring:9093]\n',
      'service.opsgenie': 'apiUrl: api.eu.opsgenie.com\n',
    });
    expect(serviceGrants(bare.services.get('alertmanager')!, undefined, []).http?.hosts).toEqual([
      'am-0.monitoring:9093',
      'am-1.monitoring:9093',
    ]);
    expect(
      serviceGrants(bare.services.get('opsgenie')!, { http: { hosts: ['api.opsgenie.com'] } }, []).http?.hosts,
    ).toEqual(['api.eu.opsgenie.com', 'api.opsgenie.com']);
  });

  it('grants the email service its SMTP host and port, with the allowed networks', () => {
    const email = parseNotificationConfig(
      {
        'service.email.gmail': 'host: smtp.gmail.com\nport: 465\nusername: $user\npassword: $pass\nfrom: $user\n',
        'service.email': 'host: relay.internal\nfrom: ops@example.com\n',
      },
      { user: 'argocd@example.com', pass: 'p' },
    );
    expect(serviceGrants(email.services.get('gmail')!, undefined, [])).toEqual({
      smtp: { hosts: ['smtp.gmail.com:465'], networks: [] },
      secrets: { names: ['pass', 'user'] },
    });
    expect(serviceGrants(email.services.get('email')!, undefined, ['private']).smtp).toEqual({
      hosts: ['relay.internal:587'],
      networks: ['private'],
    });
  });
});
