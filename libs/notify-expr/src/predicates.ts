// expr's predicate built-ins over an array. The interpreter supplies `test` (evaluate the predicate
// with `#` bound to the element), `truth` (the same, requiring a bool) and the allocation charge.
import type { PredicateBuiltin } from './ast';
import { formatValue, type ExprValue } from './values';

type Test = (item: ExprValue, index: number) => ExprValue;
type Truth = (item: ExprValue, index: number) => boolean;

export function applyPredicate(
  name: Exclude<PredicateBuiltin, 'reduce'>,
  collection: readonly ExprValue[],
  test: Test,
  truth: Truth,
  allocate: (size: number) => void,
): ExprValue {
  switch (name) {
    case 'all':
      return collection.every((item, index) => truth(item, index));
    case 'any':
      return collection.some((item, index) => truth(item, index));
    case 'none':
      return !collection.some((item, index) => truth(item, index));
    case 'one': {
      let matches = 0;
      for (const [index, item] of collection.entries()) if (truth(item, index) && ++matches > 1) return false;
      return matches === 1;
    }
    case 'count':
      return collection.reduce<number>((total, item, index) => (truth(item, index) ? total + 1 : total), 0);
    case 'filter': {
      const kept = collection.filter((item, index) => truth(item, index));
      allocate(kept.length);
      return kept;
    }
    case 'map':
      allocate(collection.length);
      return collection.map((item, index) => test(item, index));
    case 'find':
      return collection.find((item, index) => truth(item, index)) ?? null;
    case 'findIndex':
      return collection.findIndex((item, index) => truth(item, index));
    case 'findLast':
      return collection.findLast((item, index) => truth(item, index)) ?? null;
    case 'findLastIndex':
      return collection.findLastIndex((item, index) => truth(item, index));
    case 'groupBy': {
      allocate(collection.length);
      const groups: Record<string, ExprValue[]> = {};
      for (const [index, item] of collection.entries()) {
        const key = formatValue(test(item, index));
        // defineProperty: a group named `__proto__` is data, not a prototype.
        if (!Object.hasOwn(groups, key)) {
          Object.defineProperty(groups, key, { value: [], enumerable: true, writable: true, configurable: true });
        }
        groups[key]!.push(item);
      }
      return groups;
    }
  }
}
