import { queueNameFor, redactSecrets } from './notification-delivery';

describe('delivery helpers', () => {
  it('redacts secret values of 4 characters or more', () => {
    expect(
      redactSecrets('POST https://api.telegram.org/bot123:abcd/sendMessage answered 401 (abc)', ['123:abcd', 'abc']),
    ).toBe('POST https://api.telegram.org/bot[redacted]/sendMessage answered 401 (abc)');
  });

  it('names one queue per service, safe for BullMQ', () => {
    expect(queueNameFor('webhook.github')).toBe('notifications-webhook.github');
    expect(queueNameFor('a:b c')).toBe('notifications-a_b_c');
  });
});
