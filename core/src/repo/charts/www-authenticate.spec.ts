import { parseWwwAuthenticate } from './www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads a Bearer challenge', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
  });

  it('reads Basic, unquoted values, spaces and escapes', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseWwwAuthenticate('bearer realm=https://a/t , service = x, error="a \\"b\\""')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/t', service: 'x', error: 'a "b"' },
    });
    expect(parseWwwAuthenticate('Bearer realm="https://a/t",scope="repository:a/b:pull,push"')?.params.scope).toBe(
      'repository:a/b:pull,push',
    );
  });

  it('answers undefined for nothing', () => {
    expect(parseWwwAuthenticate(null)).toBeUndefined();
    expect(parseWwwAuthenticate('')).toBeUndefined();
  });
});
