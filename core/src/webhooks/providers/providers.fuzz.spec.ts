// BI-WH-2: every provider's real payload with fields deleted, set to null, to a
// wrong type or to empty arrays, and arbitrary bytes: parsing answers push,
// ignored or invalid — never throws — and a push it returns is well-typed.
import fc from 'fast-check';
import { type ParsedPayload, type ProviderName } from '../push-event';
import { fixture, type FixtureName, providerRequest } from '../testing/signed-requests';
import { providerFor } from './index';

const samples: [ProviderName, FixtureName][] = [
  ['github', 'github-push'],
  ['gitlab', 'gitlab-push'],
  ['gitlab', 'gitlab-tag-push'],
  ['bitbucket', 'bitbucket-push'],
  ['bitbucketserver', 'bitbucketserver-refs-changed'],
  ['gogs', 'gitea-push'],
  ['azuredevops', 'azuredevops-push'],
];

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

type Mutation = { kind: 'delete' } | { kind: 'set'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc
    .constantFrom<unknown>(
      null,
      {},
      [],
      0,
      -1,
      1e308,
      '',
      'x',
      true,
      [null],
      [{}],
      { __proto__: { polluted: 1 } },
      '../../etc',
    )
    .map((value): Mutation => ({ kind: 'set', value })),
  fc.jsonValue({ maxDepth: 2 }).map((value): Mutation => ({ kind: 'set', value })),
);

function mutate(root: unknown, path: Path, change: Mutation): unknown {
  if (path.length === 0) return change.kind === 'delete' ? undefined : change.value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (change.kind === 'set') parent[last] = change.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

function expectWellFormed(parsed: ParsedPayload): void {
  expect(['push', 'ignored', 'invalid']).toContain(parsed.kind);
  if (parsed.kind !== 'push') return;
  const { event } = parsed;
  expect(event.repoUrls.length).toBeGreaterThan(0);
  for (const url of event.repoUrls) expect(typeof url).toBe('string');
  expect(typeof event.revision).toBe('string');
  expect(typeof event.touchedHead).toBe('boolean');
  if (event.changedFiles !== undefined) for (const file of event.changedFiles) expect(typeof file).toBe('string');
}

describe('webhook providers: fuzzed payloads (BI-WH-2)', () => {
  it.each(samples)('%s %s: mutated fields never crash parsing', (provider, name) => {
    const sample = fixture(name);
    const paths = pathsOf(sample);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), mutation), { minLength: 1, maxLength: 4 }),
        (changes) => {
          let payload: unknown = sample;
          for (const [path, change] of changes) {
            try {
              payload = mutate(payload, path, change);
            } catch {
              // an earlier change removed this path's parent: skip it
            }
          }
          const request = providerRequest(provider, payload === undefined ? '' : payload, 'secret');
          const handler = providerFor(request.headers)!;
          expect(handler.verify(request, {}).ok).toBe(true);
          expectWellFormed(handler.parse(request));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(samples)('%s %s: arbitrary bodies and headers never crash', (provider) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.string({ maxLength: 80 }), (bytes, junk) => {
        const request = providerRequest(provider, '');
        const headers = {
          ...request.headers,
          'x-hub-signature-256': junk,
          'x-gitlab-token': junk,
          authorization: junk,
        };
        const handler = providerFor(headers)!;
        const body = Buffer.from(bytes);
        expect(
          handler.verify({ headers, body }, { github: 's', gitlab: 's', azureDevOpsUsername: 'u' }).ok,
        ).toBeDefined();
        expectWellFormed(handler.parse({ headers, body }));
      }),
      { numRuns: 200 },
    );
  });
});
