import {
  NOTIFIED_HISTORY_MAX_SIZE,
  parseNotifiedState,
  serializeNotifiedState,
  stateItemKey,
  truncateNotifiedState,
} from './index';

const slack = { service: 'slack', recipient: 'deployments' };

describe('stateItemKey', () => {
  test('without oncePer', () => {
    expect(stateItemKey({ trigger: 'on-sync-failed', conditionKey: '[0].abc', oncePer: '', destination: slack })).toBe(
      'on-sync-failed:[0].abc:slack:deployments',
    );
  });
  test('with oncePer', () => {
    expect(stateItemKey({ trigger: 'on-deployed', conditionKey: '[0].abc', oncePer: 'f00d', destination: slack })).toBe(
      'f00d:on-deployed:[0].abc:slack:deployments',
    );
  });
  test('self-service namespace sits between oncePer and trigger', () => {
    expect(
      stateItemKey({
        trigger: 't',
        conditionKey: '[0].k',
        oncePer: 'rev',
        destination: slack,
        selfServiceNamespace: 'team-a',
      }),
    ).toBe('rev:team-a:t:[0].k:slack:deployments');
  });
});

describe('parseNotifiedState', () => {
  test('reads an annotation written by Argo CD', () => {
    const state = parseNotifiedState('{"abc:on-deployed:[0].y7b5:slack:deployments":1764093000}');
    expect([...state]).toEqual([['abc:on-deployed:[0].y7b5:slack:deployments', 1764093000]]);
  });
  test.each([undefined, '', 'not json', '[1]', '{"a":"1"}', '{"a":1.5}'])('%j is an empty state', (annotation) => {
    expect(parseNotifiedState(annotation).size).toBe(0);
  });
});

describe('serializeNotifiedState', () => {
  test('sorted keys and Go HTML escaping, so `<nil>` oncePer keys match Go byte for byte', () => {
    const state = new Map([
      ['z:t:[0].k:slack:a', 2],
      ['<nil>:t:[0].k:slack:a&b', 1],
    ]);
    expect(serializeNotifiedState(state)).toBe('{"\\u003cnil\\u003e:t:[0].k:slack:a\\u0026b":1,"z:t:[0].k:slack:a":2}');
    expect([...parseNotifiedState(serializeNotifiedState(state))].sort()).toEqual([...state].sort());
  });
  test('an empty state removes the annotation', () => {
    expect(serializeNotifiedState(new Map())).toBeUndefined();
  });
  test('keeps the newest 100 entries', () => {
    const state = new Map(Array.from({ length: 150 }, (_, index) => [`k${index}`, 1000 + index] as [string, number]));
    const kept = truncateNotifiedState(state);
    expect(kept.size).toBe(NOTIFIED_HISTORY_MAX_SIZE);
    expect(kept.has('k49')).toBe(false);
    expect(kept.has('k50')).toBe(true);
    expect(Object.keys(JSON.parse(serializeNotifiedState(state)!) as object)).toHaveLength(100);
  });
});
