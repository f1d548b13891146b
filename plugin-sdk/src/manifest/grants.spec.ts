import { describeCapabilities, effectiveGrants, ungrantedCapabilities } from './grants';
import { type Capabilities } from './manifest';

const requested: Capabilities = {
  http: { hosts: ['hooks.example.com', 'api.example.com'], networks: ['private'] },
  exec: { binaries: ['helm'] },
  workspace: true,
  secrets: { names: ['token', 'password'] },
};

describe('effectiveGrants', () => {
  it('narrows a request to what was granted, never widening it', () => {
    const granted: Capabilities = {
      http: { hosts: ['hooks.example.com', 'evil.example.com'], networks: ['private', 'linkLocal'] },
      exec: { binaries: ['sh'] },
      secrets: { names: ['token'] },
    };
    expect(effectiveGrants(requested, granted)).toEqual({
      http: { hosts: ['hooks.example.com'], networks: ['private'] },
      secrets: { names: ['token'] },
    });
  });

  it('grants nothing without a grant', () => {
    expect(effectiveGrants(requested, undefined)).toEqual({});
    expect(effectiveGrants(undefined, requested)).toEqual({});
  });

  it('describes capabilities and what is left ungranted', () => {
    expect(describeCapabilities(requested)).toEqual([
      'http hooks.example.com',
      'http api.example.com',
      'http network private',
      'exec helm',
      'workspace read',
      'secret token',
      'secret password',
    ]);
    expect(ungrantedCapabilities(requested, { http: { hosts: ['hooks.example.com'] }, workspace: true })).toEqual([
      'http api.example.com',
      'http network private',
      'exec helm',
      'secret token',
      'secret password',
    ]);
  });
});
