import { classifyRevision, matchRef, parseLsRemote, tagNames } from './revision';

const main = 'a'.repeat(40);
const tagObject = 'b'.repeat(40);
const tagged = 'c'.repeat(40);
const release = 'd'.repeat(40);

const lsRemote = [
  'ref: refs/heads/main\tHEAD',
  `${main}\tHEAD`,
  `${main}\trefs/heads/main`,
  `${release}\trefs/heads/v1.0.0`,
  `${release}\trefs/heads/release`,
  `${tagObject}\trefs/tags/v1.0.0`,
  `${tagged}\trefs/tags/v1.0.0^{}`,
  `${main}\trefs/tags/lightweight`,
  `${main}\trefs/pull/1/head`,
  '',
].join('\n');

describe('classifyRevision', () => {
  it.each([
    ['', { kind: 'head' }],
    ['HEAD', { kind: 'head' }],
    [' main ', { kind: 'name', name: 'main', mayBeShortSha: false }],
    ['A'.repeat(40), { kind: 'commit', commit: 'a'.repeat(40) }],
    ['abc1234', { kind: 'name', name: 'abc1234', mayBeShortSha: true }],
    ['abc12', { kind: 'name', name: 'abc12', mayBeShortSha: false }],
    ['1.2.*', { kind: 'name', name: '1.2.*', mayBeShortSha: false }],
  ])('%j', (revision, expected) => {
    expect(classifyRevision(revision)).toEqual(expected);
  });
});

describe('parseLsRemote and matchRef', () => {
  const remote = parseLsRemote(lsRemote);

  it('peels annotated tags and records what HEAD points at', () => {
    expect(remote.refs.get('refs/tags/v1.0.0')).toBe(tagged);
    expect(remote.headTarget).toBe('refs/heads/main');
    expect(tagNames(remote)).toEqual(['v1.0.0', 'lightweight']);
  });

  it.each([
    ['HEAD', { commit: main, ref: 'refs/heads/main' }],
    ['main', { commit: main, ref: 'refs/heads/main' }],
    ['refs/pull/1/head', { commit: main, ref: 'refs/pull/1/head' }],
    ['refs/tags/v1.0.0', { commit: tagged, ref: 'refs/tags/v1.0.0' }],
    ['v1.0.0', { commit: release, ref: 'refs/heads/v1.0.0' }],
    ['lightweight', { commit: main, ref: 'refs/tags/lightweight' }],
    ['nope', undefined],
  ])('%s', (revision, expected) => {
    expect(matchRef(remote, revision)).toEqual(expected);
  });

  it('reports HEAD itself when the server does not say what it points at', () => {
    expect(matchRef(parseLsRemote(`${main}\tHEAD\n`), 'HEAD')).toEqual({ commit: main, ref: 'HEAD' });
  });
});
