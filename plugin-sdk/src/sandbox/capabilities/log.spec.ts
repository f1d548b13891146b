import { CallLog, maxLogLinesPerCall } from './log';

describe('CallLog', () => {
  it('redacts secret values, URL credentials and secret-looking fields', () => {
    const log = new CallLog(['s3cr3t-token']);
    log.write('warn', 'posting to https://user:pw@hooks.example.com with s3cr3t-token', {
      authorization: 'Bearer x',
      attempt: 2,
      nested: { a: 1 } as never,
    });
    expect(log.drain()).toEqual([
      {
        level: 'warn',
        message: 'posting to https://***@hooks.example.com with [redacted]',
        fields: { authorization: '[redacted]', attempt: 2 },
      },
    ]);
  });

  it('rate-limits lines per call and says how many were dropped', () => {
    const log = new CallLog([]);
    for (let index = 0; index < maxLogLinesPerCall + 7; index += 1) log.write('info', `line ${index}`, null);
    const lines = log.drain();
    expect(lines).toHaveLength(maxLogLinesPerCall + 1);
    expect(lines.at(-1)?.message).toBe(`7 more log lines dropped (limit ${maxLogLinesPerCall} per call)`);
  });

  it('caps message length and coerces unknown levels to info', () => {
    const log = new CallLog([]);
    log.write('debug', 'x'.repeat(10_000), undefined);
    const [line] = log.drain();
    expect(line?.level).toBe('info');
    expect(line?.message).toHaveLength(2048);
  });
});
