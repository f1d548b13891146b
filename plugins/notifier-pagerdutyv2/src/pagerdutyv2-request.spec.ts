import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildPagerdutyv2Requests } from './pagerdutyv2-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'pagerdutyv2',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { pagerdutyv2: section } },
});
const bodyOf = (plan: ReturnType<typeof buildPagerdutyv2Requests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildPagerdutyv2Requests', () => {
  const config = { serviceKeys: { ops: 'R0UT1NG' } };

  it('triggers an event with the routing key of the recipient', () => {
    const plan = buildPagerdutyv2Requests(
      input(config, { summary: 'guestbook degraded', severity: 'critical', component: 'web', url: 'https://cd/app' }),
      0,
    );
    expect('requests' in plan && plan.requests[0]!.url).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(bodyOf(plan)).toEqual({
      routing_key: 'R0UT1NG',
      event_action: 'trigger',
      payload: { summary: 'guestbook degraded', severity: 'critical', source: 'argocd', component: 'web' },
      links: [{ href: 'https://cd/app' }],
    });
  });

  it('refuses an unknown recipient and an unknown severity', () => {
    expect(buildPagerdutyv2Requests(input(config, {}, 'x'), 0)).toEqual({ invalid: expect.stringContaining('"x"') });
    expect(buildPagerdutyv2Requests(input(config, { severity: 'meh' }), 0)).toEqual({
      invalid: expect.stringContaining('severity'),
    });
  });
});
