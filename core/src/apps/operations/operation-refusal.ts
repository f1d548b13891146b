// Why an operation (sync, rollback, terminate, delete) cannot be requested:
// one readable line and whether the request itself is wrong (BAD_USER_INPUT)
// or the application's state forbids it now (FAILED_PRECONDITION). The API
// answers with the code in `extensions.code`; the CLI maps it to an exit code.

export type RefusalCode = 'BAD_USER_INPUT' | 'FAILED_PRECONDITION';

export class OperationRefusal extends Error {
  constructor(
    message: string,
    readonly code: RefusalCode = 'FAILED_PRECONDITION',
  ) {
    super(message);
    this.name = 'OperationRefusal';
  }
}
