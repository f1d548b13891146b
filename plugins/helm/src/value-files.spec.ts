import { joinInside } from './repo-path';
import { allowedSchemes, resolveValueFile, shownValueFile, type ValueFileContext } from './value-files';

const context: ValueFileContext = {
  appPath: 'apps/web',
  env: { ARGOCD_APP_NAME: 'web' },
  allowedSchemes: ['https', 'http'],
  refs: new Set(['values']),
};

describe('joinInside', () => {
  it.each([
    ['apps/web', 'values.yaml', 'apps/web/values.yaml'],
    ['apps/web', './env/../prod.yaml', 'apps/web/prod.yaml'],
    ['apps/web', '../shared/values.yaml', 'apps/shared/values.yaml'],
    ['apps/web', '/etc/passwd', 'etc/passwd'],
    ['.', 'values.yaml', 'values.yaml'],
    ['apps/web', '../..', '.'],
  ])('%s + %s → %s', (base, path, expected) => {
    expect(joinInside(base, path)).toBe(expected);
  });

  it.each([
    ['apps/web', '../../../../etc/passwd'],
    ['.', 'values.yaml/../../x'],
    ['.', '..'],
    ['apps', '/../x'],
  ])('%s + %s leaves the root', (base, path) => {
    expect(joinInside(base, path)).toBeUndefined();
  });
});

describe('resolveValueFile', () => {
  it('takes local paths relative to the app path, absolute ones relative to the repository root', () => {
    expect(resolveValueFile('values-prod.yaml', context)).toEqual({ kind: 'local', path: 'apps/web/values-prod.yaml' });
    expect(resolveValueFile('/etc/passwd', context)).toEqual({ kind: 'local', path: 'etc/passwd' });
  });

  it('substitutes the build environment in local paths', () => {
    expect(resolveValueFile('values-$ARGOCD_APP_NAME.yaml', context)).toEqual({
      kind: 'local',
      path: 'apps/web/values-web.yaml',
    });
  });

  it('reads $ref/… from the ref source, relative to its root', () => {
    expect(resolveValueFile('$values/env/prod.yaml', context)).toEqual({
      kind: 'ref',
      ref: 'values',
      path: 'env/prod.yaml',
    });
    expect(resolveValueFile('$values/${ARGOCD_APP_NAME}.yaml', context)).toEqual({
      kind: 'ref',
      ref: 'values',
      path: 'web.yaml',
    });
  });

  it('treats $name that is not a ref as a substituted local path, as Argo CD does', () => {
    expect(resolveValueFile('$ARGOCD_APP_NAME/values.yaml', context)).toEqual({
      kind: 'local',
      path: 'apps/web/web/values.yaml',
    });
  });

  it('leaves the URL percent-encoding alone: ..%2f is a file name, not a parent', () => {
    expect(resolveValueFile('..%2f..%2fetc/passwd', context)).toEqual({
      kind: 'local',
      path: 'apps/web/..%2f..%2fetc/passwd',
    });
  });

  it.each(['../../../../etc/passwd', '../../../x', '$values/../../etc/passwd'])(
    'refuses %s (outside the repository)',
    (raw) => {
      expect(() => resolveValueFile(raw, context)).toThrow(/resolves outside the repository/);
    },
  );

  it('refuses values.yaml/../../x when it climbs out from the root app path', () => {
    expect(() => resolveValueFile('values.yaml/../../x', { ...context, appPath: '.' })).toThrow(
      /outside the repository/,
    );
  });

  it.each([
    ['file:///etc/passwd', 'file'],
    ['gopher://x', 'gopher'],
    ['FILE:/etc/passwd', 'file'],
  ])('refuses %s (scheme %s not allowed)', (raw, scheme) => {
    expect(() => resolveValueFile(raw, context)).toThrow(`the URL scheme "${scheme}" is not allowed`);
  });

  it('returns allowed URLs as remote, and none when the setting is empty', () => {
    expect(resolveValueFile('https://example.com/values.yaml', context)).toEqual({
      kind: 'remote',
      url: 'https://example.com/values.yaml',
    });
    expect(() => resolveValueFile('https://example.com/v.yaml', { ...context, allowedSchemes: [] })).toThrow(
      /allows none/,
    );
  });
});

describe('allowedSchemes', () => {
  it('defaults to https, http; an empty setting allows none', () => {
    expect(allowedSchemes(undefined)).toEqual(['https', 'http']);
    expect(allowedSchemes(' HTTPS , ')).toEqual(['https']);
    expect(allowedSchemes('')).toEqual([]);
  });
});

describe('shownValueFile', () => {
  it('hides URL credentials', () => {
    expect(shownValueFile('https://user:secret@example.com/v.yaml')).toBe('https://***@example.com/v.yaml');
  });
});
