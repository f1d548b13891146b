// Sprig's defaults.go: default, empty, coalesce, all, any, ternary, JSON helpers.
import { fn, GoError, type FuncMap } from '../exec/function';
import { marshalJson, unmarshalJson } from '../values/json';
import { empty } from './convert';

const ANY = 'interface {}';

function fromJson(text: string): unknown {
  try {
    return unmarshalJson(text);
  } catch {
    return null;
  }
}

function safeJson(value: unknown, options: { escapeHTML: boolean; indent?: string }): string {
  try {
    return marshalJson(value, options);
  } catch {
    return '';
  }
}

export const defaultFuncs: FuncMap = {
  default: fn([ANY], ([fallback, ...given]) => (given.length === 0 || empty(given[0]) ? fallback : given[0]), {
    variadic: ANY,
  }),
  empty: fn([ANY], ([value]) => empty(value)),
  coalesce: fn([], (values) => values.find((value) => !empty(value)) ?? null, { variadic: ANY }),
  all: fn([], (values) => values.every((value) => !empty(value)), { variadic: ANY }),
  any: fn([], (values) => values.some((value) => !empty(value)), { variadic: ANY }),
  ternary: fn([ANY, ANY, 'bool'], ([whenTrue, whenFalse, condition]) => (condition ? whenTrue : whenFalse)),
  fromJson: fn(['string'], ([text]) => fromJson(text as string)),
  mustFromJson: fn(['string'], ([text]) => unmarshalJson(text as string), { returnsError: true }),
  toJson: fn([ANY], ([value]) => safeJson(value, { escapeHTML: true })),
  mustToJson: fn([ANY], ([value]) => marshalJson(value, { escapeHTML: true }), { returnsError: true }),
  toPrettyJson: fn([ANY], ([value]) => safeJson(value, { escapeHTML: true, indent: '  ' })),
  mustToPrettyJson: fn([ANY], ([value]) => marshalJson(value, { escapeHTML: true, indent: '  ' }), {
    returnsError: true,
  }),
  toRawJson: fn([ANY], ([value]) => marshalJson(value, { escapeHTML: false })),
  mustToRawJson: fn([ANY], ([value]) => marshalJson(value, { escapeHTML: false }), { returnsError: true }),
  fail: fn(
    ['string'],
    ([message]) => {
      throw new GoError(message as string);
    },
    { returnsError: true },
  ),
};
