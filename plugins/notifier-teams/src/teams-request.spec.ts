import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildTeamsRequests } from './teams-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'teams',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { teams: section } },
});
const bodyOf = (plan: ReturnType<typeof buildTeamsRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildTeamsRequests', () => {
  const config = { recipientUrls: { ops: 'https://example.webhook.office.com/webhookb2/x' } };

  it('builds a MessageCard from the template fields', () => {
    const plan = buildTeamsRequests(
      input(config, {
        title: 'Synced',
        themeColor: '#000080',
        facts: '[{"name":"Sync","value":"Synced"}]',
        potentialAction: '[{"@type":"OpenUri"}]',
      }),
      0,
    );
    expect('requests' in plan && plan.requests[0]!.url).toBe('https://example.webhook.office.com/webhookb2/x');
    expect(bodyOf(plan)).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: 'Synced',
      title: 'Synced',
      text: 'guestbook synced',
      themeColor: '#000080',
      sections: [{ facts: [{ name: 'Sync', value: 'Synced' }] }],
      potentialAction: [{ '@type': 'OpenUri' }],
    });
  });

  it('sends a whole card template as written', () => {
    const plan = buildTeamsRequests(input(config, { template: '{"type":"message"}' }), 0);
    expect('requests' in plan && plan.requests[0]!.body).toBe('{"type":"message"}');
  });

  it('refuses a recipient without a URL and sections that are not JSON', () => {
    expect(buildTeamsRequests(input(config, {}, 'nobody'), 0)).toEqual({
      invalid: expect.stringContaining('"nobody"'),
    });
    expect(buildTeamsRequests(input(config, { sections: '[' }), 0)).toEqual({
      invalid: expect.stringContaining('teams.sections'),
    });
  });
});
