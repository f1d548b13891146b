import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildAlertmanagerRequests } from './alertmanager-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'alertmanager',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { alertmanager: section } },
});

describe('buildAlertmanagerRequests', () => {
  it('posts the alert to every target with basic auth', () => {
    const plan = buildAlertmanagerRequests(
      input(
        { targets: ['am-0:9093', 'am-1:9093'], scheme: 'https', basicAuth: { username: 'u', password: 'p' } },
        {
          labels: { alertname: 'SyncFailed', app: 'guestbook' },
          annotations: { summary: 'x' },
          generatorURL: 'https://cd/app',
        },
      ),
      Date.UTC(2026, 0, 1),
    );
    expect('requests' in plan && plan.requests.map((request) => request.url)).toEqual([
      'https://am-0:9093/api/v2/alerts',
      'https://am-1:9093/api/v2/alerts',
    ]);
    expect('requests' in plan && plan.requests[0]!.headers).toMatchObject({ Authorization: 'Basic dTpw' });
    expect(JSON.parse('requests' in plan ? plan.requests[1]!.body! : '')).toEqual([
      {
        labels: { alertname: 'SyncFailed', app: 'guestbook' },
        annotations: { summary: 'x' },
        generatorURL: 'https://cd/app',
        startsAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('refuses an alert without labels', () => {
    expect(buildAlertmanagerRequests(input({}), 0)).toEqual({ invalid: expect.stringContaining('labels') });
  });
});
