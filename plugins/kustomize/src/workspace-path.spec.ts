import { fromOverlayDir, isRemote, joinPath, normalizePath } from './workspace-path';

describe('workspace paths', () => {
  it('normalizes and joins, refusing paths that leave the root', () => {
    expect(normalizePath('./a//b/../c/')).toBe('a/c');
    expect(normalizePath('a/..')).toBe('.');
    expect(normalizePath('../x')).toBeUndefined();
    expect(joinPath('apps/web', '../base')).toBe('apps/base');
    expect(joinPath('apps', '../../x')).toBeUndefined();
    expect(fromOverlayDir('.')).toBe('..');
    expect(fromOverlayDir('apps/web')).toBe('../apps/web');
  });

  it.each([
    ['https://github.com/org/repo//base?ref=v1', true],
    ['git@github.com:org/repo.git//base', true],
    ['github.com/org/repo/base?ref=main', true],
    ['ssh://git@example.com/repo.git', true],
    ['../base', false],
    ['deployment.yaml', false],
  ])('isRemote(%j) is %s', (reference, remote) => {
    expect(isRemote(reference)).toBe(remote);
  });
});
