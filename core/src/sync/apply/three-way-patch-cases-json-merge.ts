// JSON merge patch cases (custom resources): maps merge, lists are replaced whole, and nulls follow
// kubectl's rule of deleting only what the last applied configuration did not already delete.
import type { JsonObject } from '@driftless/diff';
import type { PatchCase } from './three-way-patch-cases-strategic';

function widget(spec: JsonObject): JsonObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec };
}

export const jsonMergeCases: PatchCase[] = [
  {
    name: 'nothing to change when the live object matches',
    original: widget({ size: 1 }),
    modified: widget({ size: 1 }),
    current: widget({ size: 1, defaulted: true }),
    patch: undefined,
  },
  {
    name: 'nested maps merge: a changed leaf is set, a dropped one deleted',
    original: widget({ config: { a: 1, b: { c: 2, d: 3 } } }),
    modified: widget({ config: { a: 2, b: { c: 2 } } }),
    current: widget({ config: { a: 1, b: { c: 2, d: 3, e: 'other writer' } } }),
    patch: { spec: { config: { a: 2, b: { d: null } } } },
  },
  {
    name: 'lists have no merge keys and are replaced whole, even lists of maps named like built-in ones',
    original: widget({ containers: [{ name: 'a', image: 'a' }] }),
    modified: widget({ containers: [{ name: 'a', image: 'b' }] }),
    current: widget({ containers: [{ name: 'a', image: 'a' }, { name: 'sidecar' }] }),
    patch: { spec: { containers: [{ name: 'a', image: 'b' }] } },
  },
  {
    name: 'finalizers are replaced whole too',
    original: { ...widget({}), metadata: { name: 'w', finalizers: ['a'] } },
    modified: { ...widget({}), metadata: { name: 'w', finalizers: ['a', 'b'] } },
    current: { ...widget({}), metadata: { name: 'w', finalizers: ['a', 'other'] } },
    patch: { metadata: { finalizers: ['a', 'b'] } },
  },
  {
    name: 'a null new to the manifest deletes the live field',
    original: widget({ size: 1 }),
    modified: widget({ size: 1, color: null }),
    current: widget({ size: 1, color: 'red' }),
    patch: { spec: { color: null } },
  },
  {
    name: 'a null the last apply already sent is not sent again (kubectl’s JSON merge rule)',
    original: widget({ size: 1, color: null }),
    modified: widget({ size: 1, color: null }),
    current: widget({ size: 1, color: 'set since' }),
    patch: undefined,
  },
  {
    name: 'a map the live object lacks is set without its nulls',
    modified: widget({ config: { a: 1, b: null, c: {} } }),
    current: widget({}),
    patch: { spec: { config: { a: 1, c: {} } } },
  },
  {
    name: 'a map of nulls only is no change for a live object that lacks it',
    modified: widget({ config: { b: null } }),
    current: widget({}),
    patch: undefined,
  },
  {
    name: 'a removed annotation is deleted',
    original: { ...widget({}), metadata: { name: 'w', annotations: { a: '1', b: '2' } } },
    modified: { ...widget({}), metadata: { name: 'w', annotations: { a: '1' } } },
    current: { ...widget({}), metadata: { name: 'w', annotations: { a: '1', b: '2', c: '3' } } },
    patch: { metadata: { annotations: { b: null } } },
  },
];
