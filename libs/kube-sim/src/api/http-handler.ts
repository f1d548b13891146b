// The HTTP shell of one simulated cluster: authentication, fault injection,
// routing to discovery, OpenAPI and the resource handlers, and Status errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { load as loadYaml } from 'js-yaml';
import { serviceAccountOfToken } from '../auth/service-account-tokens';
import type { FaultInjector } from '../faults/api-faults';
import { isPlainObject, type KubeObject } from '../store/kube-object';
import { toJson } from '../store/object-store';
import type {
  ClusterApi,
  DeleteOptions,
  ListQuery,
  PatchType,
  PropagationPolicy,
  Subresource,
  WriteOptions,
} from './cluster-api';
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { decodeKubernetesProtobuf } from '../protobuf/kubernetes-messages';
import { openApiV2, openApiV3Document, openApiV3Root } from './openapi';
import { podLog } from './pod-log';
import { parseResourcePath, type ResourcePath } from './request-path';
import { ApiError, errors } from './status';
import { toTable, wantsTable } from './table';
import { serveWatch, type WatchRegistry } from './watch-stream';

export interface ClusterHttpContext {
  api: ClusterApi;
  token: string;
  faults: FaultInjector;
  serverAddress: () => string;
  bookmarkIntervalMs: number;
  watches: WatchRegistry;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz']);

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

function sendJson(response: ServerResponse, code: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

function sendObject(response: ServerResponse, code: number, object: unknown): void {
  sendJson(
    response,
    code,
    isPlainObject(object) && isPlainObject(object.metadata) ? toJson(object as KubeObject) : JSON.stringify(object),
  );
}

function sendError(response: ServerResponse, error: ApiError, retryAfterSeconds?: number): void {
  const headers: Record<string, string> =
    retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
  sendJson(response, error.code, JSON.stringify(error.toStatus()), headers);
}

async function readBody(request: IncomingMessage): Promise<string> {
  return (await readRawBody(request)).toString('utf8');
}

async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'BadRequest', 'the request body is too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a create/update body: JSON, YAML, or the protobuf kubectl's imperative commands send. */
async function readObjectBody(request: IncomingMessage, contentType: string): Promise<unknown> {
  if (contentType === 'application/vnd.kubernetes.protobuf')
    return decodeKubernetesProtobuf(await readRawBody(request));
  return parseBody(await readBody(request), contentType);
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    if (contentType.includes('yaml')) return loadYaml(raw);
    return JSON.parse(raw);
  } catch (error) {
    throw errors.badRequest(`error decoding request body: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
}

/** The cluster's own token, or a service-account token whose Secret and ServiceAccount still exist. */
function authenticated(request: IncomingMessage, context: ClusterHttpContext): boolean {
  const header = request.headers.authorization ?? '';
  if (header === `Bearer ${context.token}`) return true;
  const match = /^Bearer (\S+)$/.exec(header);
  return match?.[1] !== undefined && serviceAccountOfToken(context.api, match[1]) !== undefined;
}

export function createClusterHandler(
  context: ClusterHttpContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : errors.internal((error as Error).message);
      if (!response.headersSent) sendError(response, apiError);
      else response.destroy();
    });
  };
}

async function handle(context: ClusterHttpContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://kube-sim');
  const method = request.method ?? 'GET';
  if (PUBLIC_PATHS.has(url.pathname)) return sendJson(response, 200, 'ok', { 'Content-Type': 'text/plain' });
  if (!authenticated(request, context)) return sendError(response, errors.unauthorized());
  const parsed = parseResourcePath(url.pathname, context.api.types);
  const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  const decision = context.faults.decide({
    method,
    path: url.pathname,
    isWatch,
    ...(parsed.kind === 'resource' && parsed.path.subresource ? { subresource: parsed.path.subresource } : {}),
  });
  if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  if (decision.error) return sendError(response, decision.error, decision.retryAfterSeconds);
  if (parsed.kind === 'resource') return handleResource(context, parsed.path, method, url, request, response, isWatch);
  if (parsed.kind === 'unknown-resource') {
    return sendError(
      response,
      new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (${parsed.plural}.${parsed.group || 'core'}/${parsed.version})`,
      ),
    );
  }
  if (method !== 'GET') return sendError(response, errors.methodNotAllowed(method));
  if (url.pathname === '/openapi/v2' && (request.headers.accept ?? '').includes('protobuf')) {
    // An empty protobuf Document: kubectl then skips client-side schema
    // validation (the server validates) instead of failing to parse JSON.
    response.writeHead(200, {
      'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      'Content-Length': 0,
    });
    return void response.end();
  }
  const document = discoveryDocument(context, url.pathname);
  if (document === undefined)
    return sendError(response, new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
  return sendJson(response, 200, JSON.stringify(document));
}

function discoveryDocument(context: ClusterHttpContext, pathname: string): unknown {
  const types = context.api.types.all();
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/version') return versionInfo();
  if (path === '/api') return apiVersions(context.serverAddress());
  if (path === '/apis') return apiGroupList(types);
  if (path === '/openapi/v2') return openApiV2(types);
  if (path === '/openapi/v3') return openApiV3Root(types);
  const openApiMatch = /^\/openapi\/v3\/(api|apis)\/(.+)$/.exec(path);
  if (openApiMatch)
    return openApiV3Document(
      types,
      openApiMatch[1] === 'api' ? '' : ((openApiMatch[2] ?? '').split('/')[0] ?? ''),
      (openApiMatch[2] ?? '').split('/').pop() ?? '',
    );
  const segments = path.split('/').filter((segment) => segment.length > 0);
  if (segments[0] === 'api' && segments.length === 2) return apiResourceList(types, '', segments[1] ?? '');
  if (segments[0] === 'apis' && segments.length === 2) return apiGroupDocument(types, segments[1] ?? '');
  if (segments[0] === 'apis' && segments.length === 3)
    return apiResourceList(types, segments[1] ?? '', segments[2] ?? '');
  if (path === '/')
    return { paths: ['/api', '/api/v1', '/apis', '/healthz', '/openapi/v2', '/openapi/v3', '/version'] };
  return undefined;
}

function listQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  const labelSelector = params.get('labelSelector');
  const fieldSelector = params.get('fieldSelector');
  const limit = params.get('limit');
  const continueToken = params.get('continue');
  if (labelSelector) query.labelSelector = labelSelector;
  if (fieldSelector) query.fieldSelector = fieldSelector;
  if (limit) query.limit = Number(limit);
  if (continueToken) query.continue = continueToken;
  return query;
}

function writeOptions(params: URLSearchParams, subresource: Subresource | undefined): WriteOptions {
  const options: WriteOptions = {};
  if (params.getAll('dryRun').includes('All')) options.dryRun = true;
  else if (params.getAll('dryRun').length > 0)
    throw errors.badRequest(`unsupported dryRun value ${params.getAll('dryRun').join(',')}: only "All" is supported`);
  const fieldManager = params.get('fieldManager');
  if (fieldManager) options.fieldManager = fieldManager;
  if (params.get('force') === 'true') options.force = true;
  const fieldValidation = params.get('fieldValidation');
  if (fieldValidation === 'Ignore' || fieldValidation === 'Warn' || fieldValidation === 'Strict')
    options.fieldValidation = fieldValidation;
  else if (fieldValidation)
    throw errors.badRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", not "${fieldValidation}"`);
  if (subresource) options.subresource = subresource;
  return options;
}

function defaultManager(request: IncomingMessage): string {
  const agent = request.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0] ?? 'unknown';
}

function rejectBinary(method: string, contentType: string): void {
  if (contentType.includes('cbor') || (contentType.includes('protobuf') && method === 'PATCH')) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - kube-sim accepts JSON and YAML bodies (and protobuf for a few kinds on create/update), got ${contentType}; use kubectl create -f or kubectl apply -f`,
    );
  }
}

async function handleResource(
  context: ClusterHttpContext,
  path: ResourcePath,
  method: string,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  isWatch: boolean,
): Promise<void> {
  const { api } = context;
  const { type, namespace, name, version } = path;
  const params = url.searchParams;
  if (path.subresource === 'log' && type.kind === 'Pod' && name !== undefined && method === 'GET') {
    const log = podLog(api.get(type, namespace, name), params.get('container'));
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(log) });
    return void response.end(log);
  }
  if (path.subresource && path.subresource !== 'status' && !(path.subresource === 'scale' && type.scaleSubresource)) {
    throw new ApiError(
      404,
      'NotFound',
      `the server could not find the requested resource (${type.plural}/${path.subresource})`,
    );
  }
  const subresource = path.subresource as Subresource | undefined;
  const table = wantsTable(request.headers.accept) && subresource === undefined;
  if (type.namespaced && namespace === undefined && name !== undefined) {
    throw new ApiError(
      404,
      'NotFound',
      `the server could not find the requested resource: ${type.plural} is namespaced`,
    );
  }
  if (isWatch && method === 'GET') {
    const query = listQuery(params);
    if (name !== undefined)
      query.fieldSelector = [query.fieldSelector, `metadata.name=${name}`].filter(Boolean).join(',');
    const resourceVersion = params.get('resourceVersion');
    const timeoutSeconds = params.get('timeoutSeconds');
    serveWatch(
      api,
      type,
      namespace,
      version,
      {
        ...query,
        ...(resourceVersion ? { resourceVersion } : {}),
        ...(timeoutSeconds ? { timeoutSeconds: Number(timeoutSeconds) } : {}),
        allowWatchBookmarks: params.get('allowWatchBookmarks') === 'true',
      },
      response,
      {
        bookmarkIntervalMs: context.bookmarkIntervalMs,
        dropAfterMs: context.faults.watchDropDelay(),
        onDropped: () => context.faults.watchDropped(),
        ...(table
          ? {
              render: (object: KubeObject) =>
                JSON.stringify(toTable(type, version, [object], { includeObject: params.get('includeObject') })),
            }
          : {}),
      },
      context.watches,
    );
    return;
  }
  const contentType = (request.headers['content-type'] ?? 'application/json').split(';')[0]?.trim() ?? '';
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') rejectBinary(method, contentType);
  const manager = (options: WriteOptions): WriteOptions => ({
    ...options,
    fieldManager: options.fieldManager ?? defaultManager(request),
  });
  if (name === undefined) {
    switch (method) {
      case 'GET': {
        const result = api.list(type, namespace, listQuery(params), version);
        if (table) {
          return sendJson(
            response,
            200,
            JSON.stringify(
              toTable(type, version, result.items, {
                includeObject: params.get('includeObject'),
                resourceVersion: result.resourceVersion,
                ...(result.continue ? { continueToken: result.continue } : {}),
              }),
            ),
          );
        }
        const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
        if (result.continue) metadata.continue = result.continue;
        if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
        const items = result.items.map((item) => toJson(item)).join(',');
        const apiVersion = type.group ? `${type.group}/${version}` : version;
        return sendJson(
          response,
          200,
          `{"kind":"${type.listKind}","apiVersion":"${apiVersion}","metadata":${JSON.stringify(metadata)},"items":[${items}]}`,
        );
      }
      case 'POST': {
        const body = await readObjectBody(request, contentType);
        const created = api.create(type, namespace, body, manager(writeOptions(params, undefined)), version);
        return sendObject(response, 201, created);
      }
      case 'DELETE': {
        const deleteOptions = await readDeleteOptions(request, params);
        const deleted = api.deleteCollection(type, namespace, listQuery(params), deleteOptions);
        const apiVersion = type.group ? `${type.group}/${version}` : version;
        return sendJson(
          response,
          200,
          JSON.stringify({
            kind: type.listKind,
            apiVersion,
            metadata: { resourceVersion: String(api.store.revision) },
            items: deleted,
          }),
        );
      }
      default:
        throw errors.methodNotAllowed(method);
    }
  }
  switch (method) {
    case 'GET': {
      const object = api.get(type, namespace, name, version);
      if (table)
        return sendJson(
          response,
          200,
          JSON.stringify(toTable(type, version, [object], { includeObject: params.get('includeObject') })),
        );
      return sendObject(response, 200, subresource === 'scale' ? api.scaleOf(type, object) : object);
    }
    case 'PUT': {
      const body = await readObjectBody(request, contentType);
      return sendObject(
        response,
        200,
        api.update(type, namespace, name, body, manager(writeOptions(params, subresource)), version),
      );
    }
    case 'PATCH': {
      const patchType = PATCH_TYPES[contentType];
      if (!patchType) throw errors.unsupportedMediaType(contentType);
      const raw = await readBody(request);
      const options = writeOptions(params, subresource);
      const exists = api.tryGet(type, namespace, name) !== undefined;
      const patched = api.patch(
        type,
        namespace,
        name,
        patchType,
        raw,
        patchType === 'apply' ? options : manager(options),
        version,
      );
      return sendObject(response, exists ? 200 : 201, patched);
    }
    case 'DELETE': {
      const deleteOptions = await readDeleteOptions(request, params);
      const before = api.get(type, namespace, name, version);
      const result = api.delete(type, namespace, name, deleteOptions);
      const stillThere = !deleteOptions.dryRun && api.tryGet(type, namespace, name) !== undefined;
      if (stillThere || deleteOptions.dryRun) return sendObject(response, 200, result);
      return sendJson(
        response,
        200,
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name, group: type.group, kind: type.plural, uid: before.metadata.uid },
        }),
      );
    }
    default:
      throw errors.methodNotAllowed(method);
  }
}

async function readDeleteOptions(request: IncomingMessage, params: URLSearchParams): Promise<DeleteOptions> {
  const body = parseBody(await readBody(request), 'application/json');
  const options: DeleteOptions = {};
  const source = isPlainObject(body) ? body : {};
  const policy =
    params.get('propagationPolicy') ??
    (typeof source.propagationPolicy === 'string' ? source.propagationPolicy : undefined);
  if (policy !== undefined) {
    if (!['Foreground', 'Background', 'Orphan'].includes(policy))
      throw errors.badRequest(`unknown propagationPolicy "${policy}"`);
    options.propagationPolicy = policy as PropagationPolicy;
  } else if (source.orphanDependents === true || params.get('orphanDependents') === 'true') {
    options.propagationPolicy = 'Orphan';
  }
  const dryRun = [...params.getAll('dryRun'), ...(Array.isArray(source.dryRun) ? source.dryRun.map(String) : [])];
  if (dryRun.includes('All')) options.dryRun = true;
  if (isPlainObject(source.preconditions)) {
    const preconditions: { uid?: string; resourceVersion?: string } = {};
    if (typeof source.preconditions.uid === 'string') preconditions.uid = source.preconditions.uid;
    if (typeof source.preconditions.resourceVersion === 'string')
      preconditions.resourceVersion = source.preconditions.resourceVersion;
    options.preconditions = preconditions;
  }
  return options;
}
