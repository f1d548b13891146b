import { collectInfo, collectSyncOption, goDuration, integer } from './sync-flags';

const usageError = (text: string): Error =>
  expect.objectContaining({ code: 'commander.invalidArgument', message: expect.stringContaining(text) }) as Error;

describe('--sync-option', () => {
  it('collects known Key=Value options', () => {
    expect(collectSyncOption('PruneLast=true', collectSyncOption('CreateNamespace=true'))).toEqual([
      'CreateNamespace=true',
      'PruneLast=true',
    ]);
  });

  it.each(['CreateNamespace', 'Createnamespace=true', '=true'])('refuses %s', (value) => {
    expect(() => collectSyncOption(value)).toThrow(usageError(value));
  });
});

describe('--info', () => {
  it('keeps the last value of a key, in first-seen order of the others', () => {
    expect(collectInfo('ticket=OPS-2', collectInfo('reason=hotfix', collectInfo('ticket=OPS-1')))).toEqual([
      ['reason', 'hotfix'],
      ['ticket', 'OPS-2'],
    ]);
  });

  it('allows = in the value and refuses a value without a key', () => {
    expect(collectInfo('query=a=b')).toEqual([['query', 'a=b']]);
    expect(() => collectInfo('=x')).toThrow(usageError('KEY=VALUE'));
    expect(() => collectInfo('novalue')).toThrow(usageError('KEY=VALUE'));
  });
});

describe('durations and numbers', () => {
  it.each(['5s', '2m', '1h30m', '0'])('accepts the Go duration %s', (value) => {
    expect(goDuration(value)).toBe(value);
  });

  it.each(['5', 'five seconds', '-5s', '1d'])('refuses %s as a duration', (value) => {
    expect(() => goDuration(value)).toThrow(usageError(value));
  });

  it('reads whole numbers, negative ones too', () => {
    expect(integer('3')).toBe(3);
    expect(integer('-1')).toBe(-1);
    expect(() => integer('1.5')).toThrow(usageError('1.5'));
    expect(() => integer('two')).toThrow(usageError('two'));
  });
});
