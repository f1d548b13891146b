import { parseLabelSelector, selectorMatches } from './label-selector';

describe('label selectors', () => {
  const labels = { env: 'prod', team: 'shop' };

  it.each([
    ['env=prod', true],
    ['env==prod', true],
    ['env!=prod', false],
    ['env in (dev, prod)', true],
    ['env notin (prod)', false],
    ['tier notin (web)', true],
    ['team', true],
    ['!team', false],
    ['!tier', true],
    ['env=prod,team=shop', true],
    ['env=prod,team=cart', false],
    ['', true],
  ])('%s → %s', (selector, expected) => expect(selectorMatches(parseLabelSelector(selector), labels)).toBe(expected));

  it.each(['env=(x', 'a b c', '=x'])('refuses %s', (selector) =>
    expect(() => parseLabelSelector(selector)).toThrow(/not a label selector/),
  );
});
