import { buildOptions, helmEnabled, splitOptions } from './build-options';

describe('kustomize.buildOptions', () => {
  it('splits as a shell would', () => {
    expect(
      splitOptions(`  --enable-helm --load-restrictor LoadRestrictionsNone --helm-command "my helm" a\\ b 'c d'`),
    ).toEqual([
      '--enable-helm',
      '--load-restrictor',
      'LoadRestrictionsNone',
      '--helm-command',
      'my helm',
      'a b',
      'c d',
    ]);
    expect(splitOptions('')).toEqual([]);
    expect(splitOptions(`""`)).toEqual(['']);
    expect(() => splitOptions(`--x "open`)).toThrow('unterminated " quote');
  });

  it('keeps admin options such as --enable-alpha-plugins and refuses redirecting the output', () => {
    expect(buildOptions('--enable-alpha-plugins --enable-exec')).toEqual(['--enable-alpha-plugins', '--enable-exec']);
    expect(() => buildOptions('--output=x.yaml')).toThrow('may not contain --output=x.yaml');
    expect(() => buildOptions('-o x.yaml')).toThrow('may not contain -o');
  });

  it('notices --enable-helm', () => {
    expect(helmEnabled(['--enable-helm'])).toBe(true);
    expect(helmEnabled(['--enable-helm=true'])).toBe(true);
    expect(helmEnabled(['--load-restrictor', 'LoadRestrictionsNone'])).toBe(false);
  });
});
