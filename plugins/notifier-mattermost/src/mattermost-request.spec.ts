import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildMattermostRequests } from './mattermost-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'mattermost',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { mattermost: section } },
});
const bodyOf = (plan: ReturnType<typeof buildMattermostRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildMattermostRequests', () => {
  it('posts to the channel with the token and attachments in props', () => {
    const plan = buildMattermostRequests(
      input({ apiURL: 'https://mm.example.com/', token: 't' }, { attachments: '[{"text":"x"}]' }),
      0,
    );
    expect('requests' in plan && plan.requests[0]).toMatchObject({
      url: 'https://mm.example.com/api/v4/posts',
      headers: { Authorization: 'Bearer t' },
    });
    expect(bodyOf(plan)).toEqual({
      channel_id: 'ops',
      message: 'guestbook synced',
      props: { attachments: [{ text: 'x' }] },
    });
  });

  it.each([
    [{ apiURL: 'https://x' }, {}, /needs apiURL and token/],
    [{ apiURL: 'https://x', token: 't' }, { attachments: '{' }, /not valid JSON/],
    [{ apiURL: 'https://x', token: 't', insecureSkipVerify: true }, {}, /insecureSkipVerify/],
  ])('refuses %j %j', (config, section, message) =>
    expect(buildMattermostRequests(input(config, section), 0)).toEqual({ invalid: expect.stringMatching(message) }),
  );
});
