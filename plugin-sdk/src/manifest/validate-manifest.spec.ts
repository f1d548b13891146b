import { PluginError } from '../errors';
import { type PluginPackageJson } from './manifest';
import { contributedExtensionPoint, validatePluginPackage } from './validate-manifest';

function notifierPackage(overrides: Partial<PluginPackageJson['driftless']> = {}): PluginPackageJson {
  return {
    name: '@acme/driftless-webhook',
    version: '1.2.3',
    driftless: {
      id: 'acme.webhook',
      contract: '^1.0.0',
      contributes: { notifier: { services: ['webhook'] } },
      capabilities: {
        http: { hosts: ['hooks.example.com', '127.0.0.1:8080'], networks: ['loopback'] },
        secrets: { names: ['token'] },
      },
      limits: { memoryMb: 32, cpuMsPerCall: 500 },
      ...overrides,
    },
  };
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof PluginError ? error.code : 'not a PluginError';
  }
  return undefined;
}

describe('validatePluginPackage', () => {
  it('accepts a complete manifest and names its extension point', () => {
    const pkg = validatePluginPackage(notifierPackage());
    expect(contributedExtensionPoint(pkg)).toBe('notifier');
  });

  it.each([
    ['no manifest key', { name: 'x', version: '1.0.0' }],
    ['bad id', { ...notifierPackage(), driftless: { ...notifierPackage().driftless, id: 'Acme Webhook' } }],
    ['bad version', { ...notifierPackage(), version: 'one' }],
    [
      'two extension points',
      notifierPackage({ contributes: { notifier: { services: ['a'] }, generator: { names: ['b'] } } }),
    ],
    ['no extension point', notifierPackage({ contributes: {} })],
    ['unknown capability', notifierPackage({ capabilities: { kubernetes: true } as never })],
    ['exec binary with a path', notifierPackage({ capabilities: { exec: { binaries: ['../bin/sh'] } } })],
    ['bundle outside the package', notifierPackage({ bundle: '../../etc/passwd.js' })],
    ['absolute bundle path', notifierPackage({ bundle: '/tmp/x.js' })],
    [
      'unknown network class',
      notifierPackage({ capabilities: { http: { hosts: ['a.example'], networks: ['internet' as never] } } }),
    ],
    ['memory limit out of range', notifierPackage({ limits: { memoryMb: 1 } })],
    ['not a semver range', notifierPackage({ contract: 'latest and greatest' })],
  ])('refuses %s with PLUGIN_INVALID_MANIFEST', (_name, pkg) => {
    expect(codeOf(() => validatePluginPackage(pkg))).toBe('PLUGIN_INVALID_MANIFEST');
  });

  it('refuses a contract range the kernel does not implement with PLUGIN_CONTRACT_MISMATCH', () => {
    expect(codeOf(() => validatePluginPackage(notifierPackage({ contract: '^2.0.0' })))).toBe(
      'PLUGIN_CONTRACT_MISMATCH',
    );
    expect(codeOf(() => validatePluginPackage(notifierPackage({ contract: '>=1.0.0 <3' })))).toBeUndefined();
  });

  it('says what is wrong in one line', () => {
    try {
      validatePluginPackage(notifierPackage({ id: 'BAD' }));
      throw new Error('accepted');
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^PLUGIN_INVALID_MANIFEST: package\.json is not a valid plugin package: \/driftless\/id must match pattern/,
      );
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
