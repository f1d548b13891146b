// host.smtp.send: mail through a granted SMTP server (nodemailer). The host is
// vetted like http's and the connection pinned to the vetted address, with TLS
// checked against the host name. Credentials never travel in clear text: a
// message with `auth` needs TLS (implicit, or STARTTLS the server must offer);
// without `auth`, STARTTLS is used when offered, as Argo CD's email service
// does.
import { createTransport } from 'nodemailer';
import { type SmtpRequest, type SmtpResult } from '../../host-api';
import { type Capabilities } from '../../manifest/manifest';
import { denied, hostError } from './denied';
import { vetHost } from './vet-host';

/** What nodemailer's SMTP transport reports of a sent message (its typings leave it untyped). */
interface SentMessage {
  messageId: string;
  accepted: (string | { address: string })[];
  rejected: (string | { address: string })[];
}

const addressOf = (entry: string | { address: string }): string => (typeof entry === 'string' ? entry : entry.address);

export interface SmtpLimits {
  timeoutMs: number;
  maxRecipients: number;
  /** Subject, text and html together, in UTF-16 code units. */
  maxMessageChars: number;
}

export const defaultSmtpLimits: SmtpLimits = { timeoutMs: 30_000, maxRecipients: 100, maxMessageChars: 1024 * 1024 };

const ADDRESS = /^[^\s<>"@,;]+@[^\s<>"@,;]+$/;

function addresses(field: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string' || !ADDRESS.test(item.trim()))
      throw denied(
        `smtp ${field} must be plain addresses like ops@example.com, not ${JSON.stringify(item).slice(0, 80)}`,
      );
    return item.trim();
  });
}

function text(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw denied(`smtp ${field} must be a string`);
  return value;
}

function portOf(value: unknown): number {
  if (value === undefined || value === null) return 587;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535)
    throw denied('smtp port must be an integer from 1 to 65535');
  return value;
}

export async function smtpSend(
  request: SmtpRequest,
  grant: Capabilities['smtp'],
  limits: SmtpLimits = defaultSmtpLimits,
): Promise<SmtpResult> {
  if (!grant) throw denied('smtp is not granted to this plugin');
  const hostname = text('host', request.host);
  if (!hostname) throw denied('smtp host is required');
  const port = portOf(request.port);
  const [from] = addresses('from', request.from);
  if (!from) throw denied('smtp from is required');
  const to = addresses('to', request.to);
  const cc = addresses('cc', request.cc);
  const bcc = addresses('bcc', request.bcc);
  const recipients = to.length + cc.length + bcc.length;
  if (recipients === 0) throw denied('smtp needs at least one recipient');
  if (recipients > limits.maxRecipients)
    throw hostError(
      'PLUGIN_LIMIT_EXCEEDED',
      `smtp message to ${recipients} recipients; at most ${limits.maxRecipients}`,
    );
  const subject = text('subject', request.subject) ?? '';
  const plain = text('text', request.text);
  const html = text('html', request.html);
  if (subject.length + (plain?.length ?? 0) + (html?.length ?? 0) > limits.maxMessageChars)
    throw hostError('PLUGIN_LIMIT_EXCEEDED', `smtp message larger than ${limits.maxMessageChars} characters`);
  const auth = request.auth ? { user: String(request.auth.user), pass: String(request.auth.pass) } : undefined;

  const target = await vetHost('smtp', hostname, port, grant);
  const implicitTls = request.implicitTls ?? port === 465;
  const transport = createTransport({
    host: target.address,
    port,
    secure: implicitTls,
    // Credentials only over TLS: STARTTLS becomes mandatory when there are any.
    requireTLS: auth !== undefined && !implicitTls,
    ...(auth ? { auth } : {}),
    tls: {
      servername: hostname.replace(/^\[|\]$/g, ''),
      rejectUnauthorized: request.insecureSkipVerify !== true,
    },
    connectionTimeout: limits.timeoutMs,
    greetingTimeout: limits.timeoutMs,
    socketTimeout: limits.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const sent = (await transport.sendMail({
      from,
      to,
      ...(cc.length ? { cc } : {}),
      ...(bcc.length ? { bcc } : {}),
      subject,
      ...(plain !== undefined ? { text: plain } : {}),
      ...(html !== undefined ? { html } : {}),
    })) as SentMessage;
    return {
      messageId: String(sent.messageId),
      accepted: sent.accepted.map(addressOf),
      rejected: sent.rejected.map(addressOf),
    };
  } catch (error) {
    throw hostError('PLUGIN_CALL_FAILED', `smtp ${hostname}:${port}: ${describe(error)}`);
  } finally {
    transport.close();
  }
}

/** nodemailer's reason in one line, without anything the server echoed of the credentials. */
function describe(error: unknown): string {
  const failure = error as { code?: string; responseCode?: number; message?: string };
  const first = (failure.message ?? 'failed').split('\n')[0] ?? 'failed';
  if (failure.code === 'EAUTH')
    return `authentication failed${failure.responseCode ? ` (${failure.responseCode})` : ''}`;
  return first.slice(0, 300);
}
