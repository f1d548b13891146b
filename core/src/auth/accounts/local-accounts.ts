// Argo CD's local accounts, read from argocd-cm and argocd-secret (pure):
//
//   argocd-cm      accounts.<name>: "apiKey, login"   accounts.<name>.enabled: "false"
//                  admin.enabled: "false"             users.session.duration: "24h"
//   argocd-secret  admin.password, admin.passwordMtime (the admin account)
//                  accounts.<name>.password, accounts.<name>.passwordMtime,
//                  accounts.<name>.tokens: [{"id":"…","iat":1700000000,"exp":0}]
//
// The admin account exists unless `admin.enabled` is false; its capability is
// `login` (or what `accounts.admin` lists).
import { parseGoDuration } from './go-duration';

export const ADMIN_ACCOUNT = 'admin';
export type AccountCapability = 'login' | 'apiKey';

export interface AccountToken {
  id: string;
  /** Seconds since the epoch. */
  iat: number;
  /** Seconds since the epoch; 0 or absent: never expires. */
  exp?: number;
}

export interface LocalAccount {
  name: string;
  enabled: boolean;
  capabilities: AccountCapability[];
  /** bcrypt hash; empty when the account has no password (it cannot log in). */
  passwordHash: string;
  /** Milliseconds since the epoch of the last password change. */
  passwordMtime: number | undefined;
  tokens: AccountToken[];
}

export const DEFAULT_SESSION_DURATION_MS = 24 * 3_600_000;

/** The argocd-secret keys an account's settings live under. */
export function accountSecretKeys(name: string): { password: string; passwordMtime: string; tokens: string } {
  if (name === ADMIN_ACCOUNT)
    return { password: 'admin.password', passwordMtime: 'admin.passwordMtime', tokens: 'admin.tokens' };
  return {
    password: `accounts.${name}.password`,
    passwordMtime: `accounts.${name}.passwordMtime`,
    tokens: `accounts.${name}.tokens`,
  };
}

export function parseAccounts(
  configMap: Readonly<Record<string, string>>,
  secret: Readonly<Record<string, string>>,
): Map<string, LocalAccount> {
  const accounts = new Map<string, LocalAccount>();
  for (const [key, value] of Object.entries(configMap)) {
    const name = key.startsWith('accounts.') ? key.slice('accounts.'.length) : undefined;
    if (name === undefined || name === '' || name.includes('.')) continue;
    accounts.set(name, {
      name,
      enabled: parseBool(configMap[`accounts.${name}.enabled`], true),
      capabilities: parseCapabilities(value),
      ...secretFields(name, secret),
    });
  }
  if (parseBool(configMap['admin.enabled'], true)) {
    const listed = configMap[`accounts.${ADMIN_ACCOUNT}`];
    accounts.set(ADMIN_ACCOUNT, {
      name: ADMIN_ACCOUNT,
      enabled: true,
      capabilities: listed === undefined ? ['login'] : parseCapabilities(listed),
      ...secretFields(ADMIN_ACCOUNT, secret),
    });
  } else accounts.delete(ADMIN_ACCOUNT);
  return accounts;
}

/** `users.session.duration` in milliseconds (Argo CD's default 24h when absent or unreadable). */
export function sessionDurationMs(configMap: Readonly<Record<string, string>>): number {
  const raw = configMap['users.session.duration'];
  const parsed = raw === undefined ? undefined : parseGoDuration(raw);
  return parsed !== undefined && parsed > 0 ? parsed : DEFAULT_SESSION_DURATION_MS;
}

export function parseTokens(raw: string | undefined): AccountToken[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown): AccountToken[] => {
    if (item === null || typeof item !== 'object') return [];
    const { id, iat, exp } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return [];
    return [{ id, iat: typeof iat === 'number' ? iat : 0, ...(typeof exp === 'number' && exp > 0 ? { exp } : {}) }];
  });
}

function secretFields(
  name: string,
  secret: Readonly<Record<string, string>>,
): Pick<LocalAccount, 'passwordHash' | 'passwordMtime' | 'tokens'> {
  const keys = accountSecretKeys(name);
  const mtime = secret[keys.passwordMtime];
  const parsedMtime = mtime === undefined ? Number.NaN : Date.parse(mtime);
  return {
    passwordHash: secret[keys.password] ?? '',
    passwordMtime: Number.isNaN(parsedMtime) ? undefined : parsedMtime,
    tokens: parseTokens(secret[keys.tokens]),
  };
}

function parseCapabilities(value: string): AccountCapability[] {
  const capabilities: AccountCapability[] = [];
  for (const part of value.split(',')) {
    const capability = part.trim();
    if ((capability === 'login' || capability === 'apiKey') && !capabilities.includes(capability))
      capabilities.push(capability);
  }
  return capabilities;
}

/** Go's strconv.ParseBool; anything else keeps the default. */
function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value.trim())) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value.trim())) return false;
  return fallback;
}
