// argocd-cm `oidc.config` as Argo CD reads it (pure): YAML whose field names
// match Go's encoding/json rules (the exact name, else ignoring case, so
// `clientId` is `clientID`), every string value that starts with `$` replaced
// from a Secret (`$key` → argocd-secret, `$<secret>:<key>` → that Secret, which
// must carry `app.kubernetes.io/part-of: argocd`; a missing key leaves the text
// as it is, with a warning), plus argocd-cm `url` and
// `oidc.tls.insecure.skip.verify`. Driftless adds `groupsClaim`.
import { X509Certificate } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { parseGoDuration } from '../accounts/go-duration';

export const OIDC_CONFIG_KEY = 'oidc.config';
export const OIDC_INSECURE_SKIP_VERIFY_KEY = 'oidc.tls.insecure.skip.verify';
/** Argo CD's scopes when `requestedScopes` is empty (oidcutil.GetScopesOrDefault). */
export const DEFAULT_REQUESTED_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'groups'];
export const DEFAULT_GROUPS_CLAIM = 'groups';
/** Where the identity provider sends the browser back (Argo CD's common.CallbackEndpoint). */
export const CALLBACK_PATH = '/auth/callback';

/** One entry of `requestedIDTokenClaims` (OpenID Connect's claims request parameter). */
export interface RequestedClaim {
  essential?: boolean;
  value?: string;
  values?: string[];
}

export interface OidcConfig {
  /** Shown on the login button ("Log in via <name>"). */
  name: string;
  issuer: string;
  clientID: string;
  /** Empty: a public client (PKCE only). */
  clientSecret: string;
  /** The client the CLI uses (`driftless login --sso`); empty: clientID. */
  cliClientID: string;
  requestedScopes: string[];
  /** Sent as `claims={"id_token": …}` in the authorization request; undefined: not sent. */
  requestedIDTokenClaims: Record<string, RequestedClaim | null> | undefined;
  /** Audiences an id_token may carry: `allowedAudiences`, else clientID and cliClientID (Argo CD's OAuth2AllowedAudiences). */
  allowedAudiences: string[];
  skipAudienceCheckWhenTokenHasNoAudience: boolean;
  /** PEM CA certificates that replace the system roots for the issuer; undefined: the system roots. */
  rootCA: string | undefined;
  /** Driftless: the id_token claim whose values are the user's groups (default `groups`). */
  groupsClaim: string;
  /** Where logout sends the browser; `{{token}}` and `{{logoutRedirectURL}}` are filled in (logout-url.ts). Empty: back to `url`. */
  logoutURL: string;
  domainHint: string;
  /** `enableUserInfoGroups` with a `userInfoPath`: the groups come from the provider's UserInfo endpoint. */
  userInfoGroups: UserInfoGroupsConfig | undefined;
}

export interface UserInfoGroupsConfig {
  /** `<issuer><userInfoPath>`, as Argo CD builds it (the discovery document's userinfo_endpoint is not used). */
  endpoint: string;
  /** `userInfoCacheExpiration`; undefined: the groups are fetched once per session (Argo CD caches them as long as the id_token is valid). */
  cacheExpirationMs: number | undefined;
}

export interface SsoSettings {
  oidc: OidcConfig;
  /** argocd-cm `url` without a trailing slash; the browser flow needs it (Argo CD: no url, no SSO login). */
  externalUrl: string | undefined;
  /** `<url>/auth/callback`, when `url` is set. */
  redirectUri: string | undefined;
  /** argocd-cm `oidc.tls.insecure.skip.verify: "true"`: the issuer's certificate is not checked. */
  insecureSkipVerify: boolean;
}

export type SsoSettingsResult =
  /** No `oidc.config`: SSO is off (not an error). */
  | { kind: 'disabled'; reason: string }
  /** `oidc.config` is there but unusable: one line for the log and for whoever tries to log in. */
  | { kind: 'invalid'; problem: string }
  | { kind: 'ready'; settings: SsoSettings; warnings: string[] };

/** Looks up a Secret reference (`oidc.clientSecret` or `my-secret:key`, without the `$`); undefined: no such key. */
export type SecretLookup = (reference: string) => string | undefined;

/** The `$<secret>:<key>` references of a raw `oidc.config`, so the caller knows which Secrets to read. */
export function externalSecretReferences(raw: string | undefined): { secret: string; key: string }[] {
  const references: { secret: string; key: string }[] = [];
  let parsed: unknown;
  try {
    parsed = parseYaml(raw ?? '');
  } catch {
    return references;
  }
  visitStrings(parsed, (value) => {
    if (!value.startsWith('$')) return;
    const separator = value.indexOf(':');
    if (separator > 1 && separator < value.length - 1)
      references.push({ secret: value.slice(1, separator), key: value.slice(separator + 1) });
  });
  return references;
}

/** argocd-cm → SSO settings. `secrets` resolves `$…` references (argocd-secret keys win over `name:key`). */
export function ssoSettingsFromArgocdCm(
  argocdCm: Readonly<Record<string, string>>,
  secrets: SecretLookup,
): SsoSettingsResult {
  const raw = argocdCm[OIDC_CONFIG_KEY];
  if (raw === undefined || raw.trim() === '') {
    const dex = (argocdCm['dex.config'] ?? '').trim() !== '';
    return {
      kind: 'disabled',
      reason: dex
        ? 'argocd-cm has dex.config but no oidc.config: Driftless does not bundle Dex — run Dex yourself and point oidc.config at it (issuer: your Dex URL)'
        : 'SSO is not configured: argocd-cm has no oidc.config',
    };
  }
  const warnings: string[] = [];
  let document: unknown;
  try {
    document = parseYaml(raw);
  } catch (error) {
    return { kind: 'invalid', problem: `oidc.config is not valid YAML: ${firstLine(error)}` };
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return { kind: 'invalid', problem: 'oidc.config must be a YAML mapping (issuer, clientID, …)' };
  const resolved = replaceSecrets(document as Record<string, unknown>, secrets, warnings);
  let oidc: OidcConfig;
  try {
    oidc = readOidcConfig(resolved, warnings);
  } catch (error) {
    return { kind: 'invalid', problem: `oidc.config: ${(error as Error).message}` };
  }
  if ((argocdCm['dex.config'] ?? '').trim() !== '')
    warnings.push('argocd-cm has both dex.config and oidc.config: oidc.config is used, dex.config is ignored');

  const url = (argocdCm['url'] ?? '').trim();
  let externalUrl: string | undefined;
  if (url !== '') {
    if (!isHttpUrl(url))
      return { kind: 'invalid', problem: `argocd-cm url must be an http(s) URL, not ${JSON.stringify(url)}` };
    externalUrl = url.replace(/\/+$/, '');
  }
  return {
    kind: 'ready',
    settings: {
      oidc,
      externalUrl,
      redirectUri: externalUrl === undefined ? undefined : `${externalUrl}${CALLBACK_PATH}`,
      insecureSkipVerify: argocdCm[OIDC_INSECURE_SKIP_VERIFY_KEY] === 'true',
    },
    warnings,
  };
}

/** The fields Argo CD's OIDCConfig has (plus `groupsClaim`), by their JSON names. */
const FIELDS = [
  'name',
  'issuer',
  'clientID',
  'clientSecret',
  'cliClientID',
  'requestedScopes',
  'requestedIDTokenClaims',
  'allowedAudiences',
  'skipAudienceCheckWhenTokenHasNoAudience',
  'rootCA',
  'logoutURL',
  'domainHint',
  'enablePKCEAuthentication',
  'enableUserInfoGroups',
  'userInfoPath',
  'userInfoCacheExpiration',
  'groupsClaim',
] as const;
type Field = (typeof FIELDS)[number];

function readOidcConfig(document: Record<string, unknown>, warnings: string[]): OidcConfig {
  const values = goJsonFields(document);
  const issuer = optionalString(values, 'issuer').trim();
  if (issuer === '') throw new Error('issuer is required (the URL of the OpenID provider)');
  if (!isHttpUrl(issuer)) throw new Error(`issuer must be an http(s) URL, not ${JSON.stringify(issuer)}`);
  const clientID = optionalString(values, 'clientID').trim();
  if (clientID === '') throw new Error('clientID is required');
  const cliClientID = optionalString(values, 'cliClientID').trim();

  const requested = optionalStringList(values, 'requestedScopes');
  const requestedScopes = requested.length === 0 ? [...DEFAULT_REQUESTED_SCOPES] : [...requested];
  if (!requestedScopes.includes('openid')) requestedScopes.unshift('openid');

  const allowed = optionalStringList(values, 'allowedAudiences');
  const allowedAudiences = allowed.length > 0 ? allowed : cliClientID === '' ? [clientID] : [clientID, cliClientID];

  const rootCA = optionalString(values, 'rootCA');
  let usableRootCA: string | undefined;
  if (rootCA.trim() !== '') {
    if (pemCertificateCount(rootCA) > 0) usableRootCA = rootCA;
    else warnings.push('oidc.config rootCA holds no valid PEM certificate: the system CAs are used instead');
  }
  const userInfoGroups = readUserInfoGroups(values, issuer, warnings);
  optionalBoolean(values, 'enablePKCEAuthentication'); // accepted; Driftless always uses PKCE (S256)

  const groupsClaim = optionalString(values, 'groupsClaim').trim() || DEFAULT_GROUPS_CLAIM;
  return {
    name: optionalString(values, 'name').trim() || 'SSO',
    issuer,
    clientID,
    clientSecret: optionalString(values, 'clientSecret'),
    cliClientID,
    requestedScopes,
    requestedIDTokenClaims: requestedClaims(values.get('requestedIDTokenClaims')),
    allowedAudiences,
    skipAudienceCheckWhenTokenHasNoAudience: optionalBoolean(values, 'skipAudienceCheckWhenTokenHasNoAudience'),
    rootCA: usableRootCA,
    groupsClaim,
    logoutURL: optionalString(values, 'logoutURL'),
    domainHint: optionalString(values, 'domainHint').trim(),
    userInfoGroups,
  };
}

/**
 * Argo CD asks the UserInfo endpoint only when `enableUserInfoGroups` is true
 * and `userInfoPath` is set; otherwise the groups stay those of the id_token.
 */
function readUserInfoGroups(
  values: Map<Field, unknown>,
  issuer: string,
  warnings: string[],
): UserInfoGroupsConfig | undefined {
  const enabled = optionalBoolean(values, 'enableUserInfoGroups');
  const path = optionalString(values, 'userInfoPath').trim();
  const expiration = optionalString(values, 'userInfoCacheExpiration').trim();
  if (!enabled) return undefined;
  if (path === '') {
    warnings.push(
      'oidc.config enableUserInfoGroups is true but userInfoPath is empty: groups come from the id_token, as in Argo CD (set userInfoPath, e.g. /userinfo)',
    );
    return undefined;
  }
  let cacheExpirationMs: number | undefined;
  if (expiration !== '') {
    const parsed = parseGoDuration(expiration);
    if (parsed === undefined)
      warnings.push(
        `oidc.config userInfoCacheExpiration ${JSON.stringify(expiration)} is not a duration such as 5m or 1h30m: the groups are kept for the whole session`,
      );
    else if (parsed > 0) cacheExpirationMs = parsed;
  }
  // Argo CD concatenates issuer and path; the slash between them is normalised here.
  const endpoint = `${issuer.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  if (!isHttpUrl(endpoint)) throw new Error(`userInfoPath ${JSON.stringify(path)} does not make a URL with the issuer`);
  return { endpoint, cacheExpirationMs };
}

/**
 * Go's encoding/json field matching: each key goes to the field of that JSON
 * name, or else to the one equal ignoring case; a later key overwrites an
 * earlier one (so `clientId` then `clientID` ends with the latter). Unknown
 * keys are ignored.
 */
function goJsonFields(document: Record<string, unknown>): Map<Field, unknown> {
  const values = new Map<Field, unknown>();
  for (const [key, value] of Object.entries(document)) {
    const field =
      FIELDS.find((candidate) => candidate === key) ??
      FIELDS.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (field !== undefined) values.set(field, value);
  }
  return values;
}

function optionalString(values: Map<Field, unknown>, field: Field): string {
  const value = values.get(field);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    throw new Error(`${field} must be a string (quote it), not ${JSON.stringify(value)}`);
  throw new Error(`${field} must be a string`);
}

function optionalBoolean(values: Map<Field, unknown>, field: Field): boolean {
  const value = values.get(field);
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  throw new Error(`${field} must be true or false, not ${JSON.stringify(value)}`);
}

function optionalStringList(values: Map<Field, unknown>, field: Field): string[] {
  const value = values.get(field);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`${field} must be a list of strings, such as [openid, profile, email, groups]`);
  return value.map((item: string) => item.trim()).filter((item) => item !== '');
}

function requestedClaims(value: unknown): Record<string, RequestedClaim | null> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error('requestedIDTokenClaims must map claim names to {essential, value, values}');
  const claims: Record<string, RequestedClaim | null> = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (entry === null) {
      claims[name] = null;
      continue;
    }
    if (typeof entry !== 'object' || Array.isArray(entry))
      throw new Error(`requestedIDTokenClaims.${name} must be a mapping such as {essential: true}`);
    const claim: RequestedClaim = {};
    for (const [key, item] of Object.entries(entry as Record<string, unknown>)) {
      const lower = key.toLowerCase();
      if (lower === 'essential') {
        if (typeof item !== 'boolean')
          throw new Error(`requestedIDTokenClaims.${name}.essential must be true or false`);
        claim.essential = item;
      } else if (lower === 'value') {
        if (typeof item !== 'string') throw new Error(`requestedIDTokenClaims.${name}.value must be a string`);
        claim.value = item;
      } else if (lower === 'values') {
        if (!Array.isArray(item) || !item.every((one) => typeof one === 'string'))
          throw new Error(`requestedIDTokenClaims.${name}.values must be a list of strings`);
        claim.values = item;
      }
    }
    claims[name] = claim;
  }
  return Object.keys(claims).length === 0 ? undefined : claims;
}

/** Argo CD's ReplaceMapSecrets: every string starting with `$` is looked up; a miss keeps the text (warned). */
function replaceSecrets(
  document: Record<string, unknown>,
  secrets: SecretLookup,
  warnings: string[],
): Record<string, unknown> {
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === '' || !value.startsWith('$')) return value;
      const found = secrets(value.slice(1));
      if (found === undefined) {
        warnings.push(
          `oidc.config references ${JSON.stringify(value)}, but no such key exists (argocd-secret, or a Secret labelled app.kubernetes.io/part-of: argocd)`,
        );
        return value;
      }
      return found.trim();
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return replace(document) as Record<string, unknown>;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => visitStrings(item, visit));
  else if (value !== null && typeof value === 'object')
    Object.values(value as Record<string, unknown>).forEach((item) => visitStrings(item, visit));
}

/** How many certificates of a PEM bundle parse. */
export function pemCertificateCount(pem: string): number {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  let count = 0;
  for (const block of blocks) {
    try {
      new X509Certificate(block);
      count += 1;
    } catch {
      // not a certificate
    }
  }
  return count;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '';
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
}
