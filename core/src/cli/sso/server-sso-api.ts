// The two server endpoints `driftless login --sso` uses: the public SSO
// settings (which identity provider, which client) and the exchange of an
// id_token for a Driftless session. JSON over HTTP(S), with --insecure as the
// GraphQL client does it.
import { Agent, fetch, type Response } from 'undici';
import { describeNetworkError } from '../../common/dependency-errors';
import { redactUrlCredentials } from '../../logging/redaction';
import { CliError, ExitCode } from '../exit-codes';

export interface ServerSsoSettings {
  name: string;
  issuer: string;
  clientID: string;
  cliClientID: string;
  scopes: string[];
  idTokenClaims: Record<string, unknown> | null;
}

export interface ExchangedSession {
  token: string;
  expiresAt: number | null;
  username: string;
  email: string | null;
  name: string | null;
  groups: string[];
}

let insecureAgent: Agent | undefined;

export async function fetchSsoSettings(server: string, insecure: boolean): Promise<ServerSsoSettings> {
  const body = await call<Partial<ServerSsoSettings>>(server, insecure, 'GET', '/auth/sso/settings');
  if (typeof body.issuer !== 'string' || typeof body.clientID !== 'string')
    throw new CliError(`${redactUrlCredentials(server)} answered SSO settings without an issuer`, ExitCode.failed);
  return {
    name: typeof body.name === 'string' ? body.name : 'SSO',
    issuer: body.issuer,
    clientID: body.clientID,
    cliClientID: typeof body.cliClientID === 'string' ? body.cliClientID : '',
    scopes: Array.isArray(body.scopes) ? body.scopes.filter((scope) => typeof scope === 'string') : ['openid'],
    idTokenClaims: body.idTokenClaims !== null && typeof body.idTokenClaims === 'object' ? body.idTokenClaims : null,
  };
}

export async function exchangeIdToken(
  server: string,
  insecure: boolean,
  idToken: string,
  accessToken?: string,
): Promise<ExchangedSession> {
  const body = await call<Partial<ExchangedSession>>(server, insecure, 'POST', '/auth/sso/token', {
    idToken,
    ...(accessToken !== undefined ? { accessToken } : {}),
  });
  if (typeof body.token !== 'string' || typeof body.username !== 'string')
    throw new CliError(`${redactUrlCredentials(server)} answered the SSO exchange without a session`, ExitCode.failed);
  return {
    token: body.token,
    expiresAt: typeof body.expiresAt === 'number' ? body.expiresAt : null,
    username: body.username,
    email: typeof body.email === 'string' ? body.email : null,
    name: typeof body.name === 'string' ? body.name : null,
    groups: Array.isArray(body.groups) ? body.groups : [],
  };
}

async function call<T>(
  server: string,
  insecure: boolean,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(path, `${server}/`).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
      ...(insecure ? { dispatcher: (insecureAgent ??= new Agent({ connect: { rejectUnauthorized: false } })) } : {}),
    });
  } catch (error) {
    throw new CliError(
      `cannot reach the Driftless server at ${redactUrlCredentials(server)}: ${describeNetworkError(error)}`,
      ExitCode.unreachable,
    );
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new CliError(
      `${url} answered HTTP ${response.status} without JSON — is it a Driftless server with SSO?`,
      ExitCode.unreachable,
    );
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (!response.ok || typeof error === 'string')
    throw new CliError(
      `server refused SSO login (HTTP ${response.status}): ${typeof error === 'string' ? error : 'no reason given'}`,
      response.status >= 500 ? ExitCode.unreachable : ExitCode.failed,
    );
  return parsed as T;
}
