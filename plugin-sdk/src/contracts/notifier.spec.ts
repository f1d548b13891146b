import { httpDeliveryOutcome } from './notifier';

describe('httpDeliveryOutcome', () => {
  it.each([
    [200, true, undefined],
    [202, true, undefined],
    [401, false, false],
    [404, false, false],
    [408, false, true],
    [429, false, true],
    [503, false, true],
  ])('%d → delivered %s, retryable %s', (status, delivered, retryable) =>
    expect(httpDeliveryOutcome(status, '', 'x')).toMatchObject({
      delivered,
      ...(retryable === undefined ? {} : { retryable }),
    }),
  );

  it('names the service and keeps the start of its answer', () => {
    expect(httpDeliveryOutcome(400, `{"message":"bad channel"}${'x'.repeat(500)}`, 'grafana')).toEqual({
      delivered: false,
      status: 400,
      retryable: false,
      detail: `grafana answered 400: {"message":"bad channel"}${'x'.repeat(175)}`,
    });
  });
});
