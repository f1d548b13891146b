// What a request's log line says about it. pino-http's defaults copy every
// header into each line (and into each request's child logger, eagerly): the
// line then depends on redaction to hide tokens and cookies, and costs a tenth
// of a GraphQL list page's time. These keep what an operator reads — method,
// path, status, caller address — and leave out headers and the query string
// (an OIDC callback carries its authorization code there).

/** The shape pino-std-serializers hands a custom request serializer. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
}

export function requestLogFields(request: SerializedRequest): Record<string, unknown> {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return {
    id: request.id,
    method: request.method,
    path: query === -1 ? url : url.slice(0, query),
    remoteAddress: request.remoteAddress,
  };
}

export function responseLogFields(response: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: response.statusCode };
}
