// The CLI's way to the server: GraphQL over HTTP. Failures become CliErrors
// with one readable line and the matching exit code.
import { Agent, fetch, type Response } from 'undici';
import { redactUrlCredentials } from '../../logging/redaction';
import { describeNetworkError } from '../../common/dependency-errors';
import { CliError, ExitCode } from '../exit-codes';
import { resolveServer, type ServerOptions } from './server-options';

interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Connections that skip TLS verification (--insecure), made only when asked for. */
let insecureAgent: Agent | undefined;

export async function graphqlRequest<T>(
  options: ServerOptions,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 30_000,
): Promise<T> {
  const target = await resolveServer(options);
  const endpoint = new URL('/api/graphql', target.server).toString();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
  if (target.authToken) headers.authorization = `Bearer ${target.authToken}`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
      ...(target.insecure
        ? { dispatcher: (insecureAgent ??= new Agent({ connect: { rejectUnauthorized: false } })) }
        : {}),
    });
  } catch (error) {
    throw new CliError(
      `cannot reach the Driftless server at ${redactUrlCredentials(target.server)}: ${describeNetworkError(error)} — start it (driftless start) or pass --server`,
      ExitCode.unreachable,
    );
  }
  let body: GraphqlResponse<T>;
  try {
    body = (await response.json()) as GraphqlResponse<T>;
  } catch {
    throw new CliError(
      `${endpoint} answered HTTP ${response.status} without a GraphQL response — is --server a Driftless server?`,
      ExitCode.unreachable,
    );
  }
  if (body.errors && body.errors.length > 0) {
    const [first] = body.errors;
    const code = first?.extensions?.code;
    const hint =
      code === 'UNAUTHENTICATED' && !query.includes('login(') ? ' — log in first: driftless login SERVER' : '';
    throw new CliError(
      `server error${code ? ` ${code}` : ''}: ${first?.message ?? 'unknown'}${hint}`,
      code === 'BAD_USER_INPUT' ? ExitCode.usage : ExitCode.failed,
    );
  }
  if (!body.data) throw new CliError(`${endpoint} answered HTTP ${response.status} with no data`, ExitCode.failed);
  return body.data;
}
