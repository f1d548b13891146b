import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildTelegramRequests } from './telegram-request';

const input = (
  config: Record<string, unknown>,
  section: Record<string, unknown> = {},
  destination = 'ops',
): NotifierInput => ({
  service: 'telegram',
  config,
  destination,
  notification: { title: 'T', body: 'guestbook synced', fields: { telegram: section } },
});
const bodyOf = (plan: ReturnType<typeof buildTelegramRequests>, index = 0) =>
  'requests' in plan ? (JSON.parse(plan.requests[index]!.body!) as Record<string, unknown>) : plan;

describe('buildTelegramRequests', () => {
  it('sends to a numeric chat id or a @channel', () => {
    const plan = buildTelegramRequests(input({ token: '123:abc' }, {}, '-100200'), 0);
    expect('requests' in plan && plan.requests[0]!.url).toBe('https://api.telegram.org/bot123:abc/sendMessage');
    expect(bodyOf(plan)).toEqual({ chat_id: '-100200', text: 'guestbook synced', parse_mode: 'Markdown' });
    expect(bodyOf(buildTelegramRequests(input({ token: 't' }, {}, 'deploys'), 0))).toMatchObject({
      chat_id: '@deploys',
    });
  });

  it('refuses a service without a token', () => {
    expect(buildTelegramRequests(input({}), 0)).toEqual({ invalid: expect.stringContaining('needs a token') });
  });
});
