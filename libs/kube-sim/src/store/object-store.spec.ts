import fc from 'fast-check';
import { ApiError } from '../api/status';
import type { KubeObject } from './kube-object';
import { ObjectStore, type WatchEventType } from './object-store';

const KEY = '/configmaps';
const object = (name: string, labels: Record<string, string> = {}, data = ''): KubeObject => ({
  metadata: { name, namespace: 'ns', labels },
  data: { v: data },
});

interface Seen {
  type: WatchEventType;
  name: string;
  revision: number;
  data: string;
}

function record(into: Seen[]) {
  return (type: WatchEventType, watched: KubeObject, revision: number): void => {
    into.push({ type, name: watched.metadata.name ?? '', revision, data: (watched.data as { v: string }).v });
  };
}

describe('ObjectStore', () => {
  it('stamps increasing resourceVersions and replays history to a resumed watch', () => {
    const store = new ObjectStore();
    const first = store.put(KEY, object('a'));
    const second = store.put(KEY, object('a', {}, 'x'));
    expect(Number(second.metadata.resourceVersion)).toBe(Number(first.metadata.resourceVersion) + 1);
    const seen: Seen[] = [];
    store.watch({ key: KEY }, Number(first.metadata.resourceVersion), record(seen));
    store.remove(KEY, 'ns', 'a');
    expect(seen.map((event) => event.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('sends current objects as ADDED to a watch without a resourceVersion', () => {
    const store = new ObjectStore();
    store.put(KEY, object('b'));
    store.put(KEY, object('a'));
    const seen: Seen[] = [];
    store.watch({ key: KEY }, undefined, record(seen));
    expect(seen.map((event) => `${event.type}:${event.name}`)).toEqual(['ADDED:a', 'ADDED:b']);
  });

  it('answers 410 Expired for a revision older than the retained history', () => {
    const store = new ObjectStore(5);
    for (let index = 0; index < 20; index += 1) store.put(KEY, object(`o${index}`));
    expect(() => store.watch({ key: KEY }, 1, () => undefined)).toThrow(ApiError);
    expect(() => store.watch({ key: KEY }, store.oldestWatchableRevision, () => undefined)).not.toThrow();
  });

  it('turns selector transitions into ADDED and DELETED for a filtered watch', () => {
    const store = new ObjectStore();
    const seen: Seen[] = [];
    store.watch(
      { key: KEY, matches: (candidate) => candidate.metadata.labels?.on === 'yes' },
      store.revision,
      record(seen),
    );
    store.put(KEY, object('a', { on: 'no' }));
    store.put(KEY, object('a', { on: 'yes' }));
    store.put(KEY, object('a', { on: 'yes' }, 'changed'));
    store.put(KEY, object('a', { on: 'no' }));
    expect(seen.map((event) => event.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });
});

type Write = { op: 'put'; name: string; data: string } | { op: 'remove'; name: string } | { op: 'watch' };

const writeArbitrary: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    name: fc.constantFrom('a', 'b', 'c'),
    data: fc.string({ maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('remove' as const), name: fc.constantFrom('a', 'b', 'c') }),
  fc.constant({ op: 'watch' as const }),
);

describe('watch properties', () => {
  it('deliver every event of an object in order, with increasing resourceVersions, and resumed watches miss nothing', () => {
    fc.assert(
      fc.property(
        fc.array(writeArbitrary, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 3, max: 40 }),
        (writes, historyLimit) => {
          const store = new ObjectStore(historyLimit);
          const truth: Seen[] = [];
          store.subscribe((event) =>
            truth.push({
              type: event.type,
              name: event.object.metadata.name ?? '',
              revision: event.revision,
              data: (event.object.data as { v: string }).v,
            }),
          );
          const watches: { from: number; seen: Seen[] }[] = [];
          for (const write of writes) {
            if (write.op === 'put') store.put(KEY, object(write.name, {}, write.data));
            else if (write.op === 'remove') store.remove(KEY, 'ns', write.name);
            else {
              // A watch opened mid-stream, resuming from a random earlier revision still in history.
              const from = Math.max(store.oldestWatchableRevision, store.revision - (writes.length % 5), 1);
              const seen: Seen[] = [];
              store.watch({ key: KEY }, from, record(seen));
              watches.push({ from, seen });
            }
          }
          const revisions = truth.map((event) => event.revision);
          expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
          expect(new Set(revisions).size).toBe(revisions.length);
          for (const watch of watches) {
            // Exactly the events after its starting revision, in order: no gaps, no duplicates.
            expect(watch.seen).toEqual(truth.filter((event) => event.revision > watch.from));
            for (const name of ['a', 'b', 'c']) {
              const perObject = watch.seen.filter((event) => event.name === name).map((event) => event.revision);
              expect(perObject).toEqual([...perObject].sort((a, b) => a - b));
            }
          }
          // Any revision at or after the compaction point can be resumed from; older ones get 410.
          // (Revision 0 means "current state", not "from the beginning", as in Kubernetes.)
          const resumable = Math.max(store.oldestWatchableRevision, 1);
          const late: Seen[] = [];
          store.watch({ key: KEY }, resumable, record(late));
          expect(late).toEqual(truth.filter((event) => event.revision > resumable));
          if (resumable > 1) expect(() => store.watch({ key: KEY }, resumable - 1, () => undefined)).toThrow(ApiError);
        },
      ),
      { numRuns: 300 },
    );
  });
});
