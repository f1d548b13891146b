import { PackageSpecError, parsePackageSpec } from './package-spec';

describe('parsePackageSpec', () => {
  it.each([
    ['driftless-plugin-slack', { kind: 'registry', name: 'driftless-plugin-slack', range: '*' }],
    ['driftless-plugin-slack@1.2.3', { kind: 'registry', name: 'driftless-plugin-slack', range: '1.2.3' }],
    ['@acme/driftless-webhook@^2', { kind: 'registry', name: '@acme/driftless-webhook', range: '^2' }],
    ['./acme-webhook-1.0.0.tgz', { kind: 'file', path: './acme-webhook-1.0.0.tgz' }],
    ['/tmp/x.tar.gz', { kind: 'file', path: '/tmp/x.tar.gz' }],
    ['file:../x.tgz', { kind: 'file', path: '../x.tgz' }],
    ['https://plugins.example.com/x-1.0.0.tgz', { kind: 'url', url: 'https://plugins.example.com/x-1.0.0.tgz' }],
  ])('%s', (spec, expected) => {
    expect(parsePackageSpec(spec)).toEqual(expected);
  });

  it.each(['Not A Name', 'x@not-a-range!', '@scope'])('refuses %s', (spec) => {
    expect(() => parsePackageSpec(spec)).toThrow(PackageSpecError);
  });
});
