import { type NotifierInput } from '@driftless/plugin-sdk';
import { buildEmail, smtpFailure } from './email-message';

const input = (config: Record<string, unknown>, fields: Record<string, unknown> = {}): NotifierInput => ({
  service: 'email.gmail',
  serviceType: 'email',
  config,
  destination: 'ops@example.com',
  notification: { title: 'Application guestbook synced', body: 'guestbook is Synced', fields },
});

const gmail = {
  host: 'smtp.gmail.com',
  port: 465,
  from: 'argocd@example.com',
  username: 'argocd@example.com',
  password: 'app-pass',
};

describe('buildEmail', () => {
  it("maps Argo CD's email settings and the template to one SMTP request per recipient", () => {
    expect(buildEmail(input(gmail))).toEqual({
      request: {
        host: 'smtp.gmail.com',
        port: 465,
        from: 'argocd@example.com',
        to: ['ops@example.com'],
        subject: 'Application guestbook synced',
        text: 'guestbook is Synced',
        auth: { user: 'argocd@example.com', pass: 'app-pass' },
      },
    });
  });

  it('takes email.subject and email.body, sends HTML when html is true, and skips verification only when asked', () => {
    const plan = buildEmail(
      input(
        { ...gmail, port: '587', html: 'true', insecure_skip_verify: true },
        { email: { subject: 'Deployed {{app}}', body: '<b>done</b>' } },
      ),
    );
    expect(plan).toMatchObject({
      request: { port: 587, subject: 'Deployed {{app}}', html: '<b>done</b>', insecureSkipVerify: true },
    });
    expect('request' in plan && 'text' in plan.request).toBe(false);
  });

  it('sends without a login when no username and password are set, from the username when from is missing', () => {
    expect(buildEmail(input({ host: 'relay.internal', username: 'robot@example.com' }))).toMatchObject({
      request: { host: 'relay.internal', port: 587, from: 'robot@example.com' },
    });
    const plan = buildEmail(input({ host: 'relay.internal', from: 'a@example.com' }));
    expect('request' in plan && plan.request.auth).toBeUndefined();
  });

  it('refuses settings it cannot send with, saying which', () => {
    expect(buildEmail(input({}))).toEqual({ invalid: 'service.email.gmail needs a host (the SMTP server)' });
    expect(buildEmail(input({ host: 'h', port: 'smtp' }))).toEqual({
      invalid: 'service.email.gmail: port must be a number from 1 to 65535',
    });
    expect(buildEmail(input({ host: 'h' }))).toEqual({
      invalid: 'service.email.gmail needs from (or a username that is an address)',
    });
  });
});

describe('smtpFailure', () => {
  it('retries connection trouble, not refused logins or capability errors', () => {
    expect(smtpFailure(new Error('PLUGIN_CALL_FAILED: smtp h:587: Connection timeout')).retryable).toBe(true);
    expect(smtpFailure(new Error('PLUGIN_CALL_FAILED: smtp h:587: authentication failed (535)')).retryable).toBe(false);
    expect(smtpFailure(new Error('PLUGIN_CAPABILITY_DENIED: smtp to h:25 is not granted')).retryable).toBe(false);
    expect(
      smtpFailure(
        new Error("PLUGIN_CALL_FAILED: smtp h:587: Can't send mail - all recipients were rejected: 550 5.1.1 no"),
      ).retryable,
    ).toBe(false);
    expect(smtpFailure(new Error('PLUGIN_CALL_FAILED: smtp h:587: 421 4.7.0 try again later')).retryable).toBe(true);
  });
});
