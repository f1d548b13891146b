// The CLI's contexts, as Argo CD's ~/.config/argocd/config: servers (URL and
// TLS options), users (the session token) and which context is current. In
// `$XDG_CONFIG_HOME/driftless/config` (default ~/.config), or `--config` /
// DRIFTLESS_CONFIG. The file holds tokens: written 0600 in a 0700 directory.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CliError, ExitCode } from '../exit-codes';

export interface CliContext {
  name: string;
  server: string;
  user: string;
}

export interface CliServer {
  server: string;
  insecure?: boolean;
}

export interface CliUser {
  name: string;
  'auth-token'?: string;
}

export interface CliConfig {
  'current-context': string;
  contexts: CliContext[];
  servers: CliServer[];
  users: CliUser[];
}

const empty = (): CliConfig => ({ 'current-context': '', contexts: [], servers: [], users: [] });

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'driftless', 'config');
}

export async function readCliConfig(path: string): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, ExitCode.usage);
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    throw new CliError(`${path} is not valid YAML; fix or remove it`, ExitCode.usage);
  }
  const value = (parsed ?? {}) as Partial<CliConfig>;
  return {
    'current-context': typeof value['current-context'] === 'string' ? value['current-context'] : '',
    contexts: Array.isArray(value.contexts) ? value.contexts : [],
    servers: Array.isArray(value.servers) ? value.servers : [],
    users: Array.isArray(value.users) ? value.users : [],
  };
}

export async function writeCliConfig(path: string, config: CliConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, stringify(config), { mode: 0o600 });
  await rename(temporary, path);
}

/** What a context resolves to: the server, its TLS options, and the stored token. */
export interface ResolvedContext {
  name: string;
  server: string;
  insecure: boolean;
  token: string | undefined;
}

export function resolveContext(config: CliConfig, name = config['current-context']): ResolvedContext | undefined {
  const context = config.contexts.find((entry) => entry.name === name);
  if (context === undefined) return undefined;
  const server = config.servers.find((entry) => entry.server === context.server);
  const user = config.users.find((entry) => entry.name === context.user);
  return {
    name: context.name,
    server: context.server,
    insecure: server?.insecure === true,
    token: user?.['auth-token'],
  };
}

/** Adds or replaces a context (server, user and token under the same name) and makes it current. */
export function upsertContext(
  config: CliConfig,
  context: { name: string; server: string; insecure: boolean; token: string },
): CliConfig {
  const others = <T>(list: T[], key: (item: T) => string, value: string) => list.filter((item) => key(item) !== value);
  return {
    'current-context': context.name,
    contexts: [
      ...others(config.contexts, (entry) => entry.name, context.name),
      { name: context.name, server: context.server, user: context.name },
    ],
    servers: [
      ...others(config.servers, (entry) => entry.server, context.server),
      { server: context.server, ...(context.insecure ? { insecure: true } : {}) },
    ],
    users: [
      ...others(config.users, (entry) => entry.name, context.name),
      { name: context.name, 'auth-token': context.token },
    ],
  };
}

/** Drops the token of a context (logout); the context stays so `login` can reuse it. */
export function withoutToken(config: CliConfig, contextName: string): CliConfig {
  const context = config.contexts.find((entry) => entry.name === contextName);
  if (context === undefined) return config;
  return { ...config, users: config.users.map((user) => (user.name === context.user ? { name: user.name } : user)) };
}

/**
 * The server URL for what a user typed: `host:port` means https unless
 * `plaintext` (Argo CD's --plaintext), a URL is taken as it is.
 */
export function serverUrl(server: string, plaintext: boolean): string {
  if (/^https?:\/\//i.test(server)) return server.replace(/\/+$/, '');
  return `${plaintext ? 'http' : 'https'}://${server.replace(/\/+$/, '')}`;
}
