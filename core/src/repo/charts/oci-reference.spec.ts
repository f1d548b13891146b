import {
  isLoopbackHost,
  isOciUrl,
  nextLink,
  ociRepositoryName,
  parseOciUrl,
  tagToVersion,
  versionToTag,
} from './oci-reference';

describe('OCI references', () => {
  it.each([
    ['registry.example.com/charts', true],
    ['oci://registry.example.com/charts', true],
    ['ghcr.io', true],
    ['https://charts.example.com', false],
    ['http://127.0.0.1:8080/charts', false],
  ])('%s is OCI: %s', (url, expected) => {
    expect(isOciUrl(url)).toBe(expected);
  });

  it.each([
    ['registry.example.com/charts', { registry: 'registry.example.com', namespace: 'charts' }],
    ['oci://127.0.0.1:5000/team/charts/', { registry: '127.0.0.1:5000', namespace: 'team/charts' }],
    ['ghcr.io', { registry: 'ghcr.io', namespace: '' }],
    ['[::1]:5000/x', { registry: '[::1]:5000', namespace: 'x' }],
    ['registry.example.com/my__repo/a-b--c', { registry: 'registry.example.com', namespace: 'my__repo/a-b--c' }],
  ])('parses %s', (url, expected) => {
    expect(parseOciUrl(url)).toEqual(expected);
  });

  it.each([['user:pw@registry/x'], ['registry/Upper'], ['registry/../x'], ['registry/a//b'], ['']])(
    'refuses %j',
    (url) => {
      expect(parseOciUrl(url)).toBeUndefined();
    },
  );

  it('names repositories and mangles tags as Helm does', () => {
    expect(ociRepositoryName({ registry: 'r', namespace: 'charts' }, 'nginx')).toBe('charts/nginx');
    expect(ociRepositoryName({ registry: 'r', namespace: '' }, 'nginx')).toBe('nginx');
    expect(versionToTag('1.2.3+build.1')).toBe('1.2.3_build.1');
    expect(tagToVersion('1.2.3_build.1')).toBe('1.2.3+build.1');
  });

  it.each([
    ['127.0.0.1:5000', true],
    ['127.1.2.3', true],
    ['localhost:5000', true],
    ['[::1]:5000', true],
    ['registry.example.com', false],
    ['127.0.0.1.nip.io', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('follows rel="next" Link headers', () => {
    expect(nextLink('</v2/charts/nginx/tags/list?last=1.2.3&n=100>; rel="next"')).toBe(
      '/v2/charts/nginx/tags/list?last=1.2.3&n=100',
    );
    expect(nextLink('<https://a/x>; rel="prev", <https://a/y>; rel=next')).toBe('https://a/y');
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('<https://a/x>; rel="prev"')).toBeUndefined();
  });
});
