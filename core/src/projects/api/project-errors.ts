// How project mutations fail for a client: stable Apollo codes, one line.
import { GraphQLError } from 'graphql';
import { badInput } from '../../auth/graphql/auth-errors';
import { ProjectInputProblem } from './project-spec';
import { ProjectWriteRefused } from './project-store.service';

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: 'NOT_FOUND' } });
}

export function failedPrecondition(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FAILED_PRECONDITION' } });
}

/** Runs a mutation and turns its expected failures into GraphQL errors. */
export async function projectMutation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProjectInputProblem) throw badInput(error.message);
    if (error instanceof ProjectWriteRefused)
      throw error.status === 400 || error.status === 422
        ? badInput(`the Kubernetes API refused it: ${error.message}`)
        : failedPrecondition(`the Kubernetes API refused the write: ${error.message}`);
    throw error;
  }
}
