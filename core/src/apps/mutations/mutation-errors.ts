// How the mutations' failures reach a client: a stable `extensions.code`
// (Apollo's conventions) and one readable line. Anything unexpected is left
// to Apollo, which answers INTERNAL_SERVER_ERROR without details in production.
import { GraphQLError } from 'graphql';
import { badInput } from '../../auth/graphql/auth-errors';
import { OperationRefusal } from '../operations/operation-refusal';
import { InputProblem } from './application-input';
import { ApplicationWriteRefused, StaleWrite } from './application-store.service';

export function failedPrecondition(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FAILED_PRECONDITION' } });
}

export function asGraphqlError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof OperationRefusal) return new GraphQLError(error.message, { extensions: { code: error.code } });
  if (error instanceof InputProblem) return badInput(error.message);
  if (error instanceof ApplicationWriteRefused)
    return error.status === 400 || error.status === 422
      ? badInput(`the Kubernetes API refused it: ${error.message}`)
      : failedPrecondition(`the Kubernetes API refused the write: ${error.message}`);
  if (error instanceof StaleWrite)
    return new GraphQLError('the application kept changing while the request was decided; try again', {
      extensions: { code: 'CONFLICT' },
    });
  return error;
}

/** Runs a mutation and converts its expected failures. */
export async function mutation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asGraphqlError(error);
  }
}
