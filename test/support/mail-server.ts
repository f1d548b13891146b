// A real SMTP server on loopback (smtp-server) for the smtp capability and the
// email notifier: STARTTLS with the test certificates, an optional login
// (notifier / app-password), every message kept with its envelope.
import { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { type TestCertificates } from './certificates';

export interface Received {
  from: string;
  to: string[];
  secure: boolean;
  user: string | undefined;
  body: string;
}

export interface MailServer {
  port: number;
  received: Received[];
  authAttempts: number;
  close(): Promise<void>;
}

export async function startMailServer(
  certificates: TestCertificates,
  options: Partial<SMTPServerOptions>,
): Promise<MailServer> {
  const received: Received[] = [];
  const server: MailServer = { port: 0, received, authAttempts: 0, close: () => Promise.resolve() };
  const smtp = new SMTPServer({
    key: certificates.serverKey,
    cert: certificates.serverCert,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      server.authAttempts += 1;
      if (auth.username === 'notifier' && auth.password === 'app-password') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          secure: session.secure,
          user: session.user as string | undefined,
          body: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  server.port = (smtp.server.address() as AddressInfo).port;
  server.close = () => new Promise((resolve) => smtp.close(() => resolve()));
  return server;
}
