import { revisionMatchesPush } from './revision-match';

const branchMain = { revision: 'main', refKind: 'branch' as const, touchedHead: true };
const branchDev = { revision: 'dev', refKind: 'branch' as const, touchedHead: false };
const tagV1 = { revision: 'v1.0.0', refKind: 'tag' as const, touchedHead: false };

describe('revisionMatchesPush', () => {
  it.each([
    [undefined, branchMain, true],
    ['', branchMain, true],
    ['HEAD', branchMain, true],
    ['HEAD', branchDev, false],
    [undefined, tagV1, false],
    ['main', branchMain, true],
    ['refs/heads/main', branchMain, true],
    ['main', branchDev, false],
    ['dev', branchDev, true],
    ['Dev', branchDev, false],
    ['v1.0.0', tagV1, true],
    ['refs/tags/v1.0.0', tagV1, true],
    ['refs/heads/v1.0.0', tagV1, false],
    ['refs/tags/main', branchMain, false],
    ['feature/login', { revision: 'feature/login', refKind: 'branch' as const, touchedHead: false }, true],
    ['0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c', branchMain, false],
    [
      '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      { ...branchMain, revision: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
      false,
    ],
    ['1.*', tagV1, false],
  ])('targetRevision %j, push %j → %s', (target, push, expected) => {
    expect(revisionMatchesPush(target, push)).toBe(expected);
  });
});
