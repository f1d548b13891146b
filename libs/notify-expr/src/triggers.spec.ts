import {
  compileTrigger,
  compileTriggersFromConfigMap,
  conditionHash,
  ExprBudgetError,
  ExprEvalError,
  parseTriggerYaml,
  runTrigger,
  TriggerConfigError,
} from './index';

// Expected hashes computed independently: base64.urlsafe_b64encode(hashlib.sha1(when)).rstrip('=').
describe('conditionHash', () => {
  test.each([
    ["var1 == 'abc'", '9JNsSLKRNri0XKPzsE9_RFzGWh0'],
    ['true', 'X_5TO4MPCKAyY0ipFgr6_IraRNs'],
    ['', '2jmj7l5rSw0yVb_vlWAYkK_YBwk'],
    ["app.status.health.status == 'Degraded'", 'zoG5zUjYGjimkwCGgIQGjx1hO5s'],
    ['app.metadata.labels["équipe"] == "😀"', 'yzKfuKsHCwY3BJw6DydRl1E1ZAA'],
  ])('%j', (when, hash) => expect(conditionHash(when)).toBe(hash));
});

describe('parseTriggerYaml', () => {
  test('reads when, send, description and oncePer', () => {
    const conditions = parseTriggerYaml(
      'sync-operation-change',
      `- when: app.status.operationState.phase in ['Succeeded']
  send: [github-commit-status]
- when: app.status.operationState.phase in ['Running']
  description: Sync is running
  oncePer: app.status.sync.revision
  send: [github-commit-status, slack-running]
`,
    );
    expect(conditions).toEqual([
      { when: "app.status.operationState.phase in ['Succeeded']", send: ['github-commit-status'] },
      {
        when: "app.status.operationState.phase in ['Running']",
        send: ['github-commit-status', 'slack-running'],
        description: 'Sync is running',
        oncePer: 'app.status.sync.revision',
      },
    ]);
  });

  test.each([
    ['not a list', 'when: true', 'must be a YAML list of conditions'],
    ['send not a list', '- when: "true"\n  send: app-created', 'condition [0].send must be a list of template names'],
    ['condition not a map', '- just text', 'condition [0] must be a map'],
    ['bad yaml', '- when: [', 'not valid YAML'],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseTriggerYaml('t', text)).toThrow(TriggerConfigError);
    expect(() => parseTriggerYaml('t', text)).toThrow(message);
  });
});

describe('compileTrigger', () => {
  test('keys each condition by index and hash of its when', () => {
    const trigger = compileTrigger('my-trigger', [
      { when: "var1 == 'abc'", send: ['a'] },
      { when: 'true', send: ['b'] },
    ]);
    expect(trigger.conditions.map((condition) => condition.key)).toEqual([
      '[0].9JNsSLKRNri0XKPzsE9_RFzGWh0',
      '[1].X_5TO4MPCKAyY0ipFgr6_IraRNs',
    ]);
  });

  test('a condition that does not parse names the trigger, the condition and the position', () => {
    expect(() =>
      compileTrigger('broken', [
        { when: 'true', send: [] },
        { when: 'app.status ==', send: [] },
      ]),
    ).toThrow(/^trigger\.broken: condition \[1\]\.when: unexpected end of input at line 1, column 14/);
    expect(() => compileTrigger('broken', [{ when: 'true', send: [], oncePer: 'app.(' }])).toThrow(
      'condition [0].oncePer',
    );
  });

  test('compileTriggersFromConfigMap reads only trigger.* keys', () => {
    const triggers = compileTriggersFromConfigMap({
      'trigger.on-x': "- when: app.kind == 'x'\n  send: [t]\n",
      'template.t': 'message: hi',
      defaultTriggers: '- on-x',
    });
    expect([...triggers.keys()]).toEqual(['on-x']);
  });
});

describe('runTrigger', () => {
  const trigger = compileTrigger('my-trigger', [{ when: "var1 == 'abc'", send: ['my-template'], oncePer: 'revision' }]);

  test('fires and renders oncePer with Go %v', () => {
    expect(runTrigger(trigger, { var1: 'abc', revision: 123 }).results).toEqual([
      { key: '[0].9JNsSLKRNri0XKPzsE9_RFzGWh0', triggered: true, templates: ['my-template'], oncePer: '123' },
    ]);
    expect(runTrigger(trigger, { var1: 'abc' }).results[0]!.oncePer).toBe('<nil>');
  });

  test('oncePer is not evaluated when the condition is false', () => {
    const run = runTrigger(trigger, { var1: 'bcd', revision: '123' });
    expect(run.results[0]).toMatchObject({ triggered: false, oncePer: '' });
  });

  test('an empty when never fires', () => {
    const silent = compileTrigger('t', [{ when: '', send: ['x'] }]);
    expect(runTrigger(silent, {}).results[0]!.triggered).toBe(false);
  });

  test('a non-bool result does not fire and is not an error', () => {
    const stringy = compileTrigger('t', [{ when: 'app.metadata.name', send: ['x'] }]);
    const run = runTrigger(stringy, { app: { metadata: { name: 'guestbook' } } });
    expect(run.results[0]!.triggered).toBe(false);
    expect(run.warnings).toEqual([]);
  });

  test('a condition referencing a missing field does not fire and reports the failing sub-expression', () => {
    const strict = compileTrigger('t', [{ when: "app.status.operationState.phase in ['Succeeded']", send: ['x'] }]);
    const run = runTrigger(strict, { app: { status: {} } });
    expect(run.results[0]!.triggered).toBe(false);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]!.part).toBe('when');
    expect(run.warnings[0]!.error).toBeInstanceOf(ExprEvalError);
    expect((run.warnings[0]!.error as ExprEvalError).expression).toBe('app.status.operationState.phase');
  });

  test('a failing oncePer still fires, without a oncePer value', () => {
    const failing = compileTrigger('t', [{ when: 'true', send: ['x'], oncePer: 'app.missing.field' }]);
    const run = runTrigger(failing, { app: {} });
    expect(run.results[0]).toMatchObject({ triggered: true, oncePer: '' });
    expect(run.warnings[0]!.part).toBe('oncePer');
  });

  test('a condition that never terminates is stopped by the budget', () => {
    const runaway = compileTrigger('t', [{ when: 'all(1..1000000, all(1..1000000, # > 0))', send: ['x'] }]);
    const run = runTrigger(runaway, {});
    expect(run.results[0]!.triggered).toBe(false);
    expect(run.warnings[0]!.error).toBeInstanceOf(ExprBudgetError);
    const looping = compileTrigger('t', [{ when: 'all(1..90000, all(1..90000, # > 0))', send: ['x'] }]);
    expect(runTrigger(looping, {}).warnings[0]!.error.message).toContain('exceeded 100000 steps');
  });
});
