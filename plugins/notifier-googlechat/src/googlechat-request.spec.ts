import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildGooglechatRequests } from './googlechat-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'googlechat',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { googlechat: section } },
});
const bodyOf = (plan: ReturnType<typeof buildGooglechatRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildGooglechatRequests', () => {
  const config = { webhooks: { ops: 'https://chat.googleapis.com/v1/spaces/S/messages?key=k' } };

  it('posts text and cards, in a thread when a threadKey is set', () => {
    const plan = buildGooglechatRequests(input(config, { cardsV2: '[{"cardId":"c"}]', threadKey: 'rev 1' }), 0);
    expect('requests' in plan && plan.requests[0]!.url).toBe(
      'https://chat.googleapis.com/v1/spaces/S/messages?key=k&threadKey=rev%201&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    );
    expect(bodyOf(plan)).toEqual({ text: 'guestbook synced', cardsV2: [{ cardId: 'c' }] });
  });

  it('refuses an unknown space and cards that are not JSON', () => {
    expect(buildGooglechatRequests(input(config, {}, 'x'), 0)).toEqual({ invalid: expect.stringContaining('"x"') });
    expect(buildGooglechatRequests(input(config, { cards: '{' }), 0)).toEqual({
      invalid: expect.stringContaining('cards'),
    });
  });
});
