// host.http.fetch: listed hosts only; every address (including after each
// redirect) is resolved and vetted before connecting, and the connection is
// pinned to the vetted address so DNS cannot change it afterwards.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';
import { type HttpRequest, type HttpResponse } from '../../host-api';
import { type Capabilities } from '../../manifest/manifest';
import { denied, hostError } from './denied';
import { vetHost, type VettedAddress } from './vet-host';

export interface HttpLimits {
  maxResponseBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

export const defaultHttpLimits: HttpLimits = { maxResponseBytes: 8 * 1024 * 1024, maxRedirects: 5, timeoutMs: 30_000 };

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const droppedHeaders = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'te']);

export async function httpFetch(
  request: HttpRequest,
  grant: Capabilities['http'],
  limits: HttpLimits = defaultHttpLimits,
): Promise<HttpResponse> {
  if (!grant) throw denied('http is not granted to this plugin');
  let url = parseUrl(request.url);
  let method = (request.method ?? 'GET').toUpperCase();
  if (!methods.has(method)) throw denied(`http method ${method} is not supported`);
  let body = request.body;
  let headers = sanitizeHeaders(request.headers);
  for (let hop = 0; ; hop += 1) {
    const address = await vetTarget(url, grant);
    const response = await send(url, address, method, headers, body, limits);
    const location = response.headers.location;
    if (response.statusCode && [301, 302, 303, 307, 308].includes(response.statusCode) && location) {
      response.resume();
      if (hop >= limits.maxRedirects) throw denied(`more than ${limits.maxRedirects} redirects from ${request.url}`);
      const next = parseUrl(new URL(location, url).toString());
      if (next.origin !== url.origin) headers = withoutCredentials(headers);
      if (
        response.statusCode === 303 ||
        ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      url = next;
      continue;
    }
    return {
      status: response.statusCode ?? 0,
      headers: flatHeaders(response),
      body: await readBody(response, limits),
      url: url.toString(),
    };
  }
}

function parseUrl(text: unknown): URL {
  if (typeof text !== 'string') throw denied('http request url must be a string');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw denied(`"${text.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw denied(`${url.protocol} URLs are not allowed, only http and https`);
  if (url.username || url.password)
    throw denied('credentials in URLs are not allowed; send a header read from host.secrets');
  return url;
}

function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** Checks the host against the grant and every address it resolves to; returns the address to connect to. */
function vetTarget(url: URL, grant: NonNullable<Capabilities['http']>): Promise<VettedAddress> {
  return vetHost('http', url.hostname, effectivePort(url), grant, url.host);
}

function send(
  url: URL,
  target: { address: string; family: number },
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  limits: HttpLimits,
): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [target] as never);
    else callback(null, target.address, target.family);
  };
  const options: RequestOptions = { method, headers, lookup: pinned, timeout: limits.timeoutMs, agent: false };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, options, resolve);
    outgoing.on('timeout', () =>
      outgoing.destroy(hostError('PLUGIN_TIMEOUT', `http ${url.host} gave no answer within ${limits.timeoutMs} ms`)),
    );
    outgoing.on('error', (error) =>
      reject(
        error.name === 'PluginError' ? error : hostError('PLUGIN_CALL_FAILED', `http ${url.host}: ${error.message}`),
      ),
    );
    outgoing.end(body);
  });
}

function readBody(response: IncomingMessage, limits: HttpLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxResponseBytes) {
        response.destroy();
        reject(hostError('PLUGIN_LIMIT_EXCEEDED', `http response is larger than ${limits.maxResponseBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', (error) => reject(hostError('PLUGIN_CALL_FAILED', `http response: ${error.message}`)));
  });
}

function sanitizeHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined || headers === null) return result;
  if (typeof headers !== 'object') throw denied('http request headers must be an object of strings');
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw denied(`http header ${name} must be a string`);
    if (!droppedHeaders.has(name.toLowerCase())) result[name] = value;
  }
  return result;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase()),
    ),
  );
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
