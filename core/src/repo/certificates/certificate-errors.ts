// How certificate requests fail for a client: stable Apollo codes, one line.
import { GraphQLError } from 'graphql';
import { badInput } from '../../auth/graphql/auth-errors';
import { CertificateConfigMapConflict, CertificateConfigMapRefused } from './certificate-config-maps';
import { CertificateInputProblem } from './certificate-problem';

export async function certificateRequest<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CertificateInputProblem) throw badInput(error.message);
    if (error instanceof CertificateConfigMapConflict)
      throw new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    if (error instanceof CertificateConfigMapRefused)
      throw new GraphQLError(error.message, { extensions: { code: 'FAILED_PRECONDITION' } });
    throw error;
  }
}
