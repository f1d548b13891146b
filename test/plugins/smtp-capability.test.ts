// host.smtp.send against real SMTP servers on loopback (smtp-server): STARTTLS
// with authentication, certificates checked unless the request says otherwise,
// credentials never sent without TLS, the grant's hosts and networks enforced.
import { join } from 'node:path';
import { bundlePlugin, PluginError, PluginTestHarness, type SmtpRequest, type TestPlugin } from '@driftless/plugin-sdk';
import { makeTestCertificates, type TestCertificates } from '../support/certificates';
import { startMailServer, type MailServer } from '../support/mail-server';
import { healthPackage } from './support/health-package';

jest.setTimeout(30_000);

describe('plugin host API: smtp', () => {
  let certificates: TestCertificates;
  let startTls: MailServer;
  let plainOnly: MailServer;
  let harness: PluginTestHarness;
  let mailer: TestPlugin<'health'>;

  beforeAll(async () => {
    certificates = await makeTestCertificates();
    startTls = await startMailServer(certificates, {});
    plainOnly = await startMailServer(certificates, { disabledCommands: ['STARTTLS'] });
    harness = await PluginTestHarness.start({ size: 1 });
    const grants = {
      smtp: { hosts: [`127.0.0.1:${startTls.port}`, `localhost:${plainOnly.port}`], networks: ['loopback' as const] },
    };
    mailer = await harness.load<'health'>({
      packageJson: healthPackage('test.mailer', grants),
      source: await bundlePlugin({ entry: join(__dirname, 'fixtures/mailer/plugin.ts') }),
      grants,
    });
  });

  afterAll(async () => {
    await harness.stop();
    await startTls.close();
    await plainOnly.close();
  });

  const message = (overrides: Partial<SmtpRequest>): SmtpRequest => ({
    host: '127.0.0.1',
    port: startTls.port,
    from: 'argocd@example.com',
    to: ['ops@example.com'],
    subject: 'Application checkout has been synced',
    text: 'checkout is Synced at 8f3a2c1',
    ...overrides,
  });

  const send = async (request: SmtpRequest): Promise<string | undefined> => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { request: JSON.stringify(request) } },
    };
    const { output } = await mailer.call('assess', { objects: [pod] });
    return output.results[0]?.message;
  };

  const failure = async (request: SmtpRequest): Promise<PluginError> => {
    try {
      await send(request);
    } catch (error) {
      if (error instanceof PluginError) return error;
      throw error;
    }
    throw new Error('expected the send to fail');
  };

  it('sends over STARTTLS with credentials, checking nothing but what the request allows', async () => {
    const accepted = await send(
      message({ auth: { user: 'notifier', pass: 'app-password' }, insecureSkipVerify: true, cc: ['lead@example.com'] }),
    );
    expect(accepted).toBe('ops@example.com,lead@example.com|');
    const [mail] = startTls.received.splice(0);
    expect(mail).toMatchObject({
      from: 'argocd@example.com',
      to: ['ops@example.com', 'lead@example.com'],
      secure: true,
      user: 'notifier',
    });
    expect(mail?.body).toContain('Subject: Application checkout has been synced');
  });

  it('refuses a certificate it cannot verify unless insecureSkipVerify is set (fails closed)', async () => {
    const error = await failure(message({ auth: { user: 'notifier', pass: 'app-password' } }));
    expect(error.code).toBe('PLUGIN_CALL_FAILED');
    expect(error.message).toMatch(/certificate/);
    expect(startTls.received).toHaveLength(0);
  });

  it('never sends credentials to a server without STARTTLS; mails without credentials go through', async () => {
    const attempts = plainOnly.authAttempts;
    const error = await failure(
      message({ host: 'localhost', port: plainOnly.port, auth: { user: 'notifier', pass: 'app-password' } }),
    );
    expect(error.code).toBe('PLUGIN_CALL_FAILED');
    expect(plainOnly.authAttempts).toBe(attempts);
    expect(plainOnly.received).toHaveLength(0);
    expect(await send(message({ host: 'localhost', port: plainOnly.port }))).toBe('ops@example.com|');
    expect(plainOnly.received[0]?.secure).toBe(false);
  });

  it('reports a refused login without the password', async () => {
    const error = await failure(
      message({ auth: { user: 'notifier', pass: 'wrong-s3cret' }, insecureSkipVerify: true }),
    );
    expect(error.message).toMatch(/authentication failed \(535\)/);
    expect(error.message).not.toContain('wrong-s3cret');
  });

  it('refuses hosts, ports and recipients outside the grant and limits', async () => {
    expect((await failure(message({ port: 2525 }))).code).toBe('PLUGIN_CAPABILITY_DENIED');
    expect((await failure(message({ host: 'localhost' }))).message).toMatch(/is not granted/);
    expect((await failure(message({ to: ['not an address'] }))).code).toBe('PLUGIN_CAPABILITY_DENIED');
    const crowd = Array.from({ length: 101 }, (_, index) => `user${index}@example.com`);
    expect((await failure(message({ to: crowd }))).code).toBe('PLUGIN_LIMIT_EXCEEDED');
  });
});
