// How repository and cluster mutations fail for a client: stable Apollo codes, one line, no credential.
import { GraphQLError } from 'graphql';
import { badInput } from '../../auth/graphql/auth-errors';
import { SecretConflict, SecretWriteRefused } from './control-plane-secrets.service';
import { RepositoryUnreachable } from './repository-access-check';
import { RepositoryInputProblem } from './repository-input';
import { RepositoryNotFound } from './repository-writes.service';

export async function secretMutation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RepositoryInputProblem) throw badInput(error.message);
    // The request was fine; the repository did not answer as it should (the CLI exits 1, as in direct mode).
    if (error instanceof RepositoryUnreachable)
      throw new GraphQLError(error.message, { extensions: { code: 'FAILED_PRECONDITION' } });
    if (error instanceof RepositoryNotFound)
      throw new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    if (error instanceof SecretConflict) throw new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    if (error instanceof SecretWriteRefused)
      throw new GraphQLError(error.message, { extensions: { code: 'FAILED_PRECONDITION' } });
    throw error;
  }
}
