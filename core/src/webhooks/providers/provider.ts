// The contract every Git provider's webhook support implements. A request is
// handled by the first provider (in PROVIDERS order) that claims its headers;
// its credentials are checked on the raw bytes before any JSON is parsed.
import { type ParsedPayload, type ProviderName } from '../push-event';
import { type WebhookSecrets } from '../webhook-secrets';

/** Header names in lower case, as Node gives them. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface WebhookRequest {
  headers: WebhookHeaders;
  body: Buffer;
}

export type Verification =
  | { ok: true }
  /** Why the request is refused; never contains a secret. */
  | { ok: false; reason: string };

export interface WebhookProvider {
  name: ProviderName;
  /** Whether the request's headers say it comes from this provider. */
  claims(headers: WebhookHeaders): boolean;
  /** Checks the request against the configured credential; passes when none is configured, as in Argo CD. */
  verify(request: WebhookRequest, secrets: WebhookSecrets): Verification;
  parse(request: WebhookRequest): ParsedPayload;
}

export function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export const verified: Verification = { ok: true };

export function refused(reason: string): Verification {
  return { ok: false, reason };
}
