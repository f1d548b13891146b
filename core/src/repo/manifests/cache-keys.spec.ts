import { canonicalJson, contentKey, revisionKey, type RenderIdentity } from './cache-keys';

const identity: RenderIdentity = {
  repoURL: 'https://git.example.com/repo.git',
  path: 'apps/web',
  renderers: ['builtin.directory@0.1.0'],
  source: { directory: { recurse: true } },
  app: { name: 'web' },
  settings: {},
  refRevisions: {},
};

describe('cache keys', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('changes with the revision, the content, the options and the renderers', () => {
    const base = revisionKey(identity, 'a'.repeat(40));
    expect(revisionKey(identity, 'b'.repeat(40))).not.toBe(base);
    expect(revisionKey({ ...identity, source: { directory: { recurse: false } } }, 'a'.repeat(40))).not.toBe(base);
    expect(revisionKey({ ...identity, renderers: ['builtin.directory@0.2.0'] }, 'a'.repeat(40))).not.toBe(base);
    expect(contentKey(identity, 'tree1')).not.toBe(contentKey(identity, 'tree2'));
    expect(contentKey(identity, 'tree1')).toMatch(/^[0-9a-f]{64}$/);
  });
});
