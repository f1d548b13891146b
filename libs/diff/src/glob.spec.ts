import { globMatch } from './glob';

describe('globMatch (Argo CD util/glob semantics)', () => {
  it.each([
    ['*', '', true],
    ['*', 'apps', true],
    ['', '', true],
    ['', 'apps', false],
    ['apps', 'apps', true],
    ['*.k8s.io', 'networking.k8s.io', true],
    ['*.k8s.io', 'k8s.io', false],
    ['Deploy*', 'Deployment', true],
    ['?eployment', 'Deployment', true],
    ['{apps,batch}', 'batch', true],
    ['{apps,batch}', 'policy', false],
    ['[DS]*', 'StatefulSet', true],
    ['[!D]*', 'Deployment', false],
    ['a.b', 'aXb', false],
    ['*.aws.crossplane.io', 'ec2.aws.crossplane.io', true],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('compares an invalid pattern literally', () => {
    expect(globMatch('[abc', '[abc')).toBe(true);
    expect(globMatch('[abc', 'a')).toBe(false);
  });
});
