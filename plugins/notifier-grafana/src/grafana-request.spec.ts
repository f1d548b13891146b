import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildGrafanaRequests } from './grafana-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'grafana',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { grafana: section } },
});
const bodyOf = (plan: ReturnType<typeof buildGrafanaRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildGrafanaRequests', () => {
  it('annotates with the recipient tags at the given time', () => {
    const plan = buildGrafanaRequests(
      input({ apiUrl: 'https://grafana.example.com/api/', apiKey: 'k' }, {}, 'argocd|prod'),
      1700000000000,
    );
    expect('requests' in plan && plan.requests[0]).toMatchObject({
      url: 'https://grafana.example.com/api/annotations',
      headers: { Authorization: 'Bearer k' },
    });
    expect(bodyOf(plan)).toEqual({
      time: 1700000000000,
      isRegion: false,
      tags: ['argocd', 'prod'],
      text: 'guestbook synced',
    });
  });

  it('refuses a service without apiUrl or apiKey', () => {
    expect(buildGrafanaRequests(input({ apiUrl: 'https://g' }), 0)).toEqual({
      invalid: expect.stringContaining('apiKey'),
    });
  });
});
