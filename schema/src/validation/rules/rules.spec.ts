import { closestName } from '../suggest';
import { cronProblem } from './cron';
import { isGoDuration } from './rule-kit';
import { checkSyncOption } from './sync-options';

describe('cron schedules (sync windows)', () => {
  it.each([
    '0 6-22 * * 1-5',
    '*/15 * * * *',
    '0 0 1 jan,jul *',
    '30 2 * * sun',
    '@daily',
    '@every 1h30m',
    '0 0 ? * MON',
  ])('accepts %s', (schedule) => expect(cronProblem(schedule)).toBeUndefined());

  it.each([
    ['0 25 * * *', "hour: '25' is outside 0-23"],
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), found 4'],
    ['0 0 0 * *', "day of month: '0' is outside 1-31"],
    ['0 0 * * 7', "day of week: '7' is outside 0-6"],
    ['*/0 * * * *', "minute: bad step in '*/0'"],
    ['0 0 * foo *', "month: 'foo' is outside 1-12"],
  ])('rejects %s: %s', (schedule, problem) => expect(cronProblem(schedule)).toBe(problem));
});

describe('Go durations', () => {
  it.each(['5s', '3m', '1h30m', '1.5h', '0', '300ms'])('accepts %s', (text) => expect(isGoDuration(text)).toBe(true));
  it.each(['5', '3 minutes', 'm', '', '1d'])('rejects %j', (text) => expect(isGoDuration(text)).toBe(false));
});

describe('sync options', () => {
  it.each(['CreateNamespace=true', 'Prune=confirm', 'PrunePropagationPolicy=orphan', 'ServerSideApply=false'])(
    'accepts %s',
    (option) => expect(checkSyncOption([], option)).toEqual([]),
  );

  it('reports a missing =, a bad value and an unknown key with their severities', () => {
    expect(checkSyncOption([], 'PruneLast').map((issue) => issue.severity)).toEqual(['error']);
    expect(checkSyncOption([], 'Validate=no').map((issue) => issue.severity)).toEqual(['error']);
    expect(checkSyncOption([], 'Prunelast=true')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining("did you mean 'PruneLast'?") }),
    ]);
  });

  it('leaves templated options to the ApplicationSet renderer', () => {
    expect(checkSyncOption([], 'CreateNamespace={{.createNamespace}}')).toEqual([]);
  });
});

describe('closestName', () => {
  it('finds likely typos only', () => {
    expect(closestName('repoUrl', ['repoURL', 'path'])).toBe('repoURL');
    expect(closestName('automate', ['automated', 'retry'])).toBe('automated');
    expect(closestName('zzz', ['automated', 'retry'])).toBeUndefined();
  });
});
