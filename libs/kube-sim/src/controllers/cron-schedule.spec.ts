import { lastScheduledTime, parseCron } from './cron-schedule';

describe('cron schedules', () => {
  it.each([
    ['*/15 * * * *', '2026-03-01T10:30:00Z', true],
    ['*/15 * * * *', '2026-03-01T10:31:00Z', false],
    ['0 9-17 * * 1-5', '2026-03-02T12:00:00Z', true],
    ['0 9-17 * * 1-5', '2026-03-01T12:00:00Z', false],
    ['@daily', '2026-03-01T00:00:00Z', true],
    ['30 2 1,15 * *', '2026-03-15T02:30:00Z', true],
  ])('%s matches %s: %s', (expression, date, expected) => {
    expect(parseCron(expression).matches(new Date(date))).toBe(expected);
  });

  it('finds the latest due minute in a window', () => {
    const due = lastScheduledTime(
      parseCron('*/10 * * * *'),
      new Date('2026-03-01T10:00:00Z'),
      new Date('2026-03-01T10:25:30Z'),
    );
    expect(due?.toISOString()).toBe('2026-03-01T10:20:00.000Z');
    expect(
      lastScheduledTime(parseCron('0 0 1 1 *'), new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T11:00:00Z')),
    ).toBeUndefined();
  });

  it('rejects invalid schedules', () => {
    expect(() => parseCron('61 * * * *')).toThrow(/invalid cron field/);
    expect(() => parseCron('* * *')).toThrow(/expected 5 fields/);
  });
});
