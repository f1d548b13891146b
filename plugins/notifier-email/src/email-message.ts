// Argo CD's email service as an SMTP request: the settings of
// `service.email[.<name>]` (host, port, from, username, password, html,
// insecure_skip_verify), the recipient address, and the template's
// `email.subject` / `email.body` (else its title and message). Pure.
import { type NotifierInput, type NotifierOutput, type SmtpRequest } from '@driftless/plugin-sdk';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const flag = (value: unknown): boolean => value === true || (typeof value === 'string' && value.trim() === 'true');

function portOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 587;
  const port = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : undefined;
}

function emailSection(input: NotifierInput): Record<string, unknown> {
  const section = input.notification.fields?.email;
  return typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
}

export function buildEmail(input: NotifierInput): { request: SmtpRequest } | { invalid: string } {
  const { config } = input;
  const where = `service.${input.service}`;
  const host = text(config.host);
  if (!host) return { invalid: `${where} needs a host (the SMTP server)` };
  const port = portOf(config.port);
  if (port === undefined) return { invalid: `${where}: port must be a number from 1 to 65535` };
  const from = text(config.from) ?? text(config.username);
  if (!from) return { invalid: `${where} needs from (or a username that is an address)` };
  const recipient = text(input.destination);
  if (!recipient) return { invalid: 'the recipient address is empty' };
  const username = text(config.username);
  const password = typeof config.password === 'string' ? config.password : undefined;
  const section = emailSection(input);
  const body = text(section.body) ?? input.notification.body;
  const request: SmtpRequest = {
    host,
    port,
    from,
    to: [recipient],
    subject: text(section.subject) ?? input.notification.title,
    ...(flag(config.html) ? { html: body } : { text: body }),
    ...(flag(config.insecure_skip_verify) ? { insecureSkipVerify: true } : {}),
    ...(username && password ? { auth: { user: username, pass: password } } : {}),
  };
  return { request };
}

/** A failed send as a delivery outcome: refused logins and addresses are not worth retrying. */
export function smtpFailure(error: unknown): NotifierOutput {
  const message = error instanceof Error ? error.message : String(error);
  // A 5xx SMTP reply (`550 5.1.1 …`) is permanent; the port in `smtp host:587:` is not a reply code.
  const permanent = /authentication failed|PLUGIN_CAPABILITY_DENIED|PLUGIN_LIMIT_EXCEEDED|(^|\s)5\d\d[\s-]/.test(
    message,
  );
  return { delivered: false, retryable: !permanent, detail: message };
}
