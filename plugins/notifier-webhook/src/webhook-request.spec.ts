import { type NotifierInput } from '@driftless/plugin-sdk';
import { base64Utf8 } from './base64';
import { buildWebhookRequest } from './webhook-request';

const input = (config: Record<string, unknown>, webhook?: Record<string, unknown>): NotifierInput => ({
  service: 'github',
  serviceType: 'webhook',
  config,
  destination: '',
  notification: { title: '', body: 'msg', ...(webhook ? { fields: { webhook } } : {}) },
});

describe('buildWebhookRequest', () => {
  it('joins url and path, with the template method and body, service headers and basic auth', () => {
    expect(
      buildWebhookRequest(
        input(
          {
            url: 'https://api.github.com/',
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            basicAuth: { username: 'argo', password: 'pässword' },
          },
          { github: { method: 'post', path: '/repos/o/r/statuses/abc', body: '{"state":"success"}' } },
        ),
      ),
    ).toEqual({
      kind: 'send',
      request: {
        url: 'https://api.github.com/repos/o/r/statuses/abc',
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Basic ${Buffer.from('argo:pässword').toString('base64')}`,
        },
        body: '{"state":"success"}',
      },
    });
  });

  it('defaults to GET without a body', () => {
    expect(buildWebhookRequest(input({ url: 'https://x.example/hook' }, { github: { body: 'ignored' } }))).toEqual({
      kind: 'send',
      request: { url: 'https://x.example/hook', method: 'GET', headers: {} },
    });
  });

  it('sends nothing when the template has no section for this webhook, as Argo CD', () => {
    expect(buildWebhookRequest(input({ url: 'https://x.example' }, { other: {} })).kind).toBe('skip');
  });

  it.each([
    ['no url', {}, /has no url/],
    [
      'insecureSkipVerify',
      { url: 'https://x.example', insecureSkipVerify: true },
      /insecureSkipVerify is not supported/,
    ],
  ])('refuses %s', (_name, config, detail) => {
    const plan = buildWebhookRequest(input(config, { github: {} }));
    expect(plan).toEqual({ kind: 'invalid', detail: expect.stringMatching(detail) });
  });

  it('refuses an unknown method', () => {
    expect(buildWebhookRequest(input({ url: 'https://x.example' }, { github: { method: 'TRACE' } })).kind).toBe(
      'invalid',
    );
  });

  it.each(['', 'a', 'ab', 'abc', 'user:päss', '日本'])('encodes %s as base64', (text) =>
    expect(base64Utf8(text)).toBe(Buffer.from(text).toString('base64')),
  );
});
