import { jsonnetCommand, jsonnetLibPath } from './jsonnet-command';

describe('jsonnetCommand', () => {
  it('passes TLAs and ext vars through files after ARGOCD_APP_* substitution, libs after the app path', () => {
    const command = jsonnetCommand(
      'apps/web/main.jsonnet',
      'apps/web',
      {
        tlas: [
          { name: 'name', value: '$ARGOCD_APP_NAME', code: false },
          { name: 'replicas', value: '1 + 2', code: true },
        ],
        extVars: [{ name: 'env', value: 'prod', code: false }],
        libs: ['vendor', '/lib/'],
      },
      { ARGOCD_APP_NAME: 'web' },
      '.values',
    );
    expect(command.args).toEqual([
      '-J',
      'apps/web',
      '-J',
      'vendor',
      '-J',
      'lib',
      '--tla-str-file',
      'name=.values/tla-0',
      '--tla-code-file',
      'replicas=.values/tla-1',
      '--ext-str-file',
      'env=.values/ext-0',
      'apps/web/main.jsonnet',
    ]);
    expect(command.files).toEqual({ '.values/tla-0': 'web', '.values/tla-1': '1 + 2', '.values/ext-0': 'prod' });
  });
});

describe('jsonnetLibPath', () => {
  it('resolves against the repository root and refuses leaving it', () => {
    expect(jsonnetLibPath('/vendor/x/../y')).toBe('vendor/y');
    expect(jsonnetLibPath('.')).toBe('.');
    expect(() => jsonnetLibPath('../outside')).toThrow('jsonnet library path "../outside" leaves the repository');
  });
});
