// Argo CD's REST API answers errors as grpc-gateway does: an HTTP status and
// `{ error, code, message }` with the gRPC code. The GraphQL errors our
// services throw carry Apollo codes; this maps one onto the other.
import { GraphQLError } from 'graphql';

export interface RestError {
  status: number;
  body: { error: string; code: number; message: string };
}

const BY_APOLLO_CODE: Record<string, { status: number; grpc: number }> = {
  BAD_USER_INPUT: { status: 400, grpc: 3 },
  UNAUTHENTICATED: { status: 401, grpc: 16 },
  FORBIDDEN: { status: 403, grpc: 7 },
  RATE_LIMITED: { status: 429, grpc: 8 },
};

export function restError(status: number, grpc: number, message: string): RestError {
  return { status, body: { error: message, code: grpc, message } };
}

/** The REST answer for an error a service threw; anything unexpected is a 500 without details. */
export function toRestError(error: unknown): RestError {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  const mapped = typeof code === 'string' ? BY_APOLLO_CODE[code] : undefined;
  if (error instanceof GraphQLError && mapped !== undefined)
    return restError(mapped.status, mapped.grpc, error.message);
  return restError(500, 13, 'internal error');
}
