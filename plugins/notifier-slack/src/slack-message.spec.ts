import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildSlackMessage, slackOutcome } from './slack-message';

const input = (config: Record<string, unknown>, slack: Record<string, unknown> = {}): NotifierInput => ({
  service: 'slack',
  config,
  destination: 'deployments',
  notification: { title: '', body: 'guestbook synced', fields: { slack } },
});

describe('buildSlackMessage', () => {
  it('posts with the token: text, parsed attachments and blocks, username and emoji icon', () => {
    const plan = buildSlackMessage(
      input(
        { token: 'xoxb-1', username: 'argocd', icon: ':rocket:' },
        { attachments: '[{"title":"t"}]', blocks: '[{"type":"divider"}]' },
      ),
    );
    expect(plan).toEqual({
      kind: 'send',
      method: 'chat.postMessage',
      request: {
        url: 'https://slack.com/api/chat.postMessage',
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer xoxb-1' },
        body: JSON.stringify({
          text: 'guestbook synced',
          attachments: [{ title: 't' }],
          blocks: [{ type: 'divider' }],
          username: 'argocd',
          icon_emoji: ':rocket:',
          channel: 'deployments',
        }),
      },
    });
  });

  it('uses an icon URL, a custom apiURL, threads a groupingKey and broadcasts when asked', () => {
    const plan = buildSlackMessage(
      input(
        { token: 't', icon: 'https://x/i.png', apiURL: 'http://127.0.0.1:1/api' },
        { groupingKey: 'g', notifyBroadcast: true },
      ),
      { threadTs: '1.2' },
    );
    expect(plan.kind === 'send' && plan.request.url).toBe('http://127.0.0.1:1/api/chat.postMessage');
    expect(plan.kind === 'send' && JSON.parse(plan.request.body!)).toMatchObject({
      icon_url: 'https://x/i.png',
      thread_ts: '1.2',
      reply_broadcast: true,
    });
  });

  it('updates the group message with deliveryPolicy Update', () => {
    const plan = buildSlackMessage(input({ token: 't' }, { groupingKey: 'g', deliveryPolicy: 'Update' }), {
      updateTs: '9.9',
    });
    expect(plan.kind === 'send' && plan.method).toBe('chat.update');
    expect(plan.kind === 'send' && JSON.parse(plan.request.body!)).toMatchObject({ ts: '9.9', channel: 'deployments' });
  });

  it('posts to an incoming webhook without a token', () => {
    const plan = buildSlackMessage(input({ webhookURL: 'https://hooks.slack.com/services/T/B/X' }));
    expect(plan).toMatchObject({
      kind: 'send',
      method: 'webhook',
      request: { url: 'https://hooks.slack.com/services/T/B/X' },
    });
  });

  it.each([
    ['no token', {}, {}, /needs a token/],
    ['attachments that are not JSON', { token: 't' }, { attachments: '[{' }, /attachments is not valid JSON/],
    ['blocks that are not a list', { token: 't' }, { blocks: '{}' }, /blocks must be a JSON list/],
    ['insecureSkipVerify', { token: 't', insecureSkipVerify: true }, {}, /insecureSkipVerify/],
  ])('refuses %s', (_name, config, slack, detail) =>
    expect(buildSlackMessage(input(config, slack))).toEqual({ kind: 'invalid', detail: expect.stringMatching(detail) }),
  );
});

describe('slackOutcome', () => {
  it.each([
    [200, '{"ok":true,"ts":"1.1"}', 'chat.postMessage', { delivered: true, status: 200, ts: '1.1' }],
    [200, '{"ok":false,"error":"invalid_auth"}', 'chat.postMessage', { delivered: false, retryable: false }],
    [200, '{"ok":false,"error":"internal_error"}', 'chat.postMessage', { delivered: false, retryable: true }],
    [429, '', 'chat.postMessage', { delivered: false, retryable: true }],
    [503, '', 'webhook', { delivered: false, retryable: true }],
    [404, 'no_service', 'webhook', { delivered: false, retryable: false }],
    [200, 'ok', 'webhook', { delivered: true }],
  ])('reads %d %s (%s)', (status, body, method, expected) =>
    expect(slackOutcome(status, body, method)).toMatchObject(expected),
  );
});
