// Kubernetes reports every failure as a meta/v1 Status object; ApiError carries
// one through the handlers so the HTTP shell only has to serialise it.
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'Unauthorized'
  | 'BadRequest'
  | 'UnsupportedMediaType'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'Gone'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'NotAcceptable'
  | 'Timeout';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusObject {
    const status: StatusObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** Names a resource the way kube-apiserver does in messages: `deployments.apps "web"`. */
function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound: (resource: string, group: string, name: string): ApiError =>
    new ApiError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group, kind: resource }),
  alreadyExists: (resource: string, group: string, name: string): ApiError =>
    new ApiError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, {
      name,
      group,
      kind: resource,
    }),
  conflict: (resource: string, group: string, name: string, why: string): ApiError =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, {
      name,
      group,
      kind: resource,
    }),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]): ApiError =>
    new ApiError(
      422,
      'Invalid',
      `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${causes.map((c) => `${c.field ?? ''}: ${c.message}`).join(', ')}`,
      { name, group, kind, causes },
    ),
  forbidden: (message: string): ApiError => new ApiError(403, 'Forbidden', message),
  badRequest: (message: string): ApiError => new ApiError(400, 'BadRequest', message),
  unsupportedMediaType: (contentType: string): ApiError =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
    ),
  methodNotAllowed: (method: string): ApiError =>
    new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
    ),
  gone: (message: string): ApiError => new ApiError(410, 'Expired', message),
  unauthorized: (): ApiError => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  internal: (message: string): ApiError => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
};
