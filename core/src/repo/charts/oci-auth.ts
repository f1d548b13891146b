// Authenticated GETs against a registry's /v2 API. Authentication follows the
// registry's 401 challenge, as Docker and oras do: `Basic` → the repository's
// username/password (remembered per registry, so later requests send them at
// once); `Bearer realm=…` → the token dance (realm?service=…&scope=
// repository:<name>:pull, with Basic credentials when there are some, sent to
// the realm only), tokens kept per registry, scope and credentials until
// refused. A repository with only a bearerToken sends it from the start. The
// username/password never reach a token registry's /v2.
import { chartError, type ChartLocation } from './chart-error';
import {
  basicAuthorization,
  type ChartRepoAccess,
  credentialIdentity,
  repositoryAuthorization,
  tlsSettings,
} from './chart-access';
import type { HttpAnswer } from './chart-http';
import type { OciRepository } from './oci-reference';
import type { OperationContext } from './source-context';
import { parseWwwAuthenticate } from './www-authenticate';

/** One chart in one registry: where to send requests, and for messages. */
export interface OciTarget {
  access: ChartRepoAccess;
  location: ChartLocation;
  repository: OciRepository;
  /** The repository name in the registry: <namespace>/<chart>. */
  name: string;
  /** http(s)://host[:port] */
  origin: string;
}

export interface RegistryGetOptions {
  what: string;
  maxBytes: number;
  accept?: string;
  notFound?: () => Error;
}

export class OciRegistryClient {
  private readonly tokens = new Map<string, string>();
  /** Registries (with these credentials) that asked for Basic. */
  private readonly basicRegistries = new Set<string>();

  /** GET /v2/<name><path> with whatever authentication the registry asks for. */
  async get(
    context: OperationContext,
    target: OciTarget,
    path: string,
    options: RegistryGetOptions,
  ): Promise<HttpAnswer> {
    const scope = `repository:${target.name}:pull`;
    const tokenKey = `${target.repository.registry}\n${scope}\n${credentialIdentity(target.access)}`;
    const registryKey = `${target.repository.registry}\n${credentialIdentity(target.access)}`;
    // Basic for username/password, Bearer for a repository that has only a token.
    const configured = repositoryAuthorization(target.access);
    const sendAtOnce = this.basicRegistries.has(registryKey) || configured?.startsWith('Bearer ') === true;
    let authorization = this.tokens.get(tokenKey) ?? (sendAtOnce ? configured : undefined);
    const url = `${target.origin}/v2/${target.name}${path}`;
    for (let attempt = 0; ; attempt += 1) {
      let answer: HttpAnswer;
      try {
        answer = await context.http.get(url, {
          location: target.location,
          what: options.what,
          headers: options.accept ? { accept: options.accept } : {},
          authorization,
          credentialOrigin: target.origin,
          maxBytes: options.maxBytes,
          signal: context.signal,
          timeoutMs: context.limits.timeoutMs,
          tls: tlsSettings(target.access, target.repository.registry),
          passStatuses: [401],
        });
      } catch (error) {
        if (options.notFound && (error as { code?: unknown }).code === 'NOT_FOUND') throw options.notFound();
        throw error;
      }
      if (answer.status !== 401) return answer;
      this.tokens.delete(tokenKey);
      const challenge = parseWwwAuthenticate(answer.headers.get('www-authenticate'));
      if (attempt === 0 && challenge?.scheme === 'bearer' && challenge.params.realm) {
        const token = await this.token(context, target, challenge.params, scope);
        this.tokens.set(tokenKey, `Bearer ${token}`);
        authorization = `Bearer ${token}`;
        continue;
      }
      if (attempt === 0 && challenge?.scheme === 'basic' && configured && authorization !== configured) {
        this.basicRegistries.add(registryKey);
        authorization = configured;
        continue;
      }
      throw chartError(
        'AUTH_FAILED',
        target.location,
        `${options.what}: the registry refused ${target.access.credentials?.username !== undefined || target.access.credentials?.bearerToken ? 'the credentials' : 'anonymous access'} (HTTP 401)`,
        'check the username and password (or token) of the repository Secret',
      );
    }
  }

  private async token(
    context: OperationContext,
    target: OciTarget,
    params: Record<string, string>,
    scope: string,
  ): Promise<string> {
    const realm = new URL(params.realm ?? '');
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', scope);
    const credentials = target.access.credentials;
    const authorization =
      credentials?.username !== undefined || credentials?.password !== undefined
        ? basicAuthorization(credentials.username ?? '', credentials.password ?? '')
        : undefined;
    const answer = await context.http.get(realm.toString(), {
      location: target.location,
      what: 'the registry token',
      authorization,
      credentialOrigin: realm.origin,
      maxBytes: 1024 * 1024,
      signal: context.signal,
      timeoutMs: context.limits.timeoutMs,
      tls: tlsSettings(target.access, realm.host),
    });
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(answer.body.toString('utf8')) as typeof body;
    } catch {
      throw chartError('AUTH_FAILED', target.location, 'the registry token service did not answer JSON');
    }
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || token === '') {
      throw chartError('AUTH_FAILED', target.location, 'the registry token service answered without a token');
    }
    return token;
  }
}
