import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildOpsgenieRequests } from './opsgenie-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'opsgenie',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { opsgenie: section } },
});
const bodyOf = (plan: ReturnType<typeof buildOpsgenieRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildOpsgenieRequests', () => {
  const config = { apiUrl: 'api.eu.opsgenie.com', apiKeys: { ops: 'k' } };

  it('creates an alert for the team with its key', () => {
    const plan = buildOpsgenieRequests(input(config, { priority: 'P2', tags: 'argocd, prod' }), 0);
    expect('requests' in plan && plan.requests[0]).toMatchObject({
      url: 'https://api.eu.opsgenie.com/v2/alerts',
      headers: { Authorization: 'GenieKey k' },
    });
    expect(bodyOf(plan)).toEqual({
      message: 'guestbook synced',
      description: 'guestbook synced',
      responders: [{ type: 'team', id: 'ops' }],
      priority: 'P2',
      tags: ['argocd', 'prod'],
    });
  });

  it('refuses an unknown team and a bad priority', () => {
    expect(buildOpsgenieRequests(input(config, {}, 'x'), 0)).toEqual({ invalid: expect.stringContaining('"x"') });
    expect(buildOpsgenieRequests(input(config, { priority: 'high' }), 0)).toEqual({
      invalid: expect.stringContaining('P1'),
    });
  });
});
