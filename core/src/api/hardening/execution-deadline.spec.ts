import { GraphQLError } from 'graphql';
import { beforeDeadline, operationDeadline } from './execution-deadline';

describe('beforeDeadline', () => {
  it('answers what the work answers while the deadline has not passed', async () => {
    await expect(beforeDeadline(operationDeadline(1_000), 'rendering', () => Promise.resolve(42))).resolves.toBe(42);
    await expect(beforeDeadline(undefined, 'rendering', () => Promise.resolve('no deadline'))).resolves.toBe(
      'no deadline',
    );
  });

  it('refuses with DEADLINE_EXCEEDED when the deadline passes first, and aborts the work', async () => {
    let seen: AbortSignal | undefined;
    const never = (signal: AbortSignal | undefined) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    };
    const error = await beforeDeadline(operationDeadline(100), 'rendering the manifests', never).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({
      message: "rendering the manifests did not finish within the request's 0.1 s deadline; try again",
      extensions: { code: 'DEADLINE_EXCEEDED' },
    });
    expect(seen?.aborted).toBe(true);
  });

  it('keeps a failure of the work as it is', async () => {
    const failure = new Error('repository not found');
    await expect(beforeDeadline(operationDeadline(1_000), 'x', () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
