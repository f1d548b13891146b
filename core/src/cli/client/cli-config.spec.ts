import {
  type CliConfig,
  defaultConfigPath,
  resolveContext,
  serverUrl,
  upsertContext,
  withoutToken,
} from './cli-config';

const empty: CliConfig = { 'current-context': '', contexts: [], servers: [], users: [] };

describe('CLI config', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/driftless/config');
    expect(defaultConfigPath({})).toMatch(/\/\.config\/driftless\/config$/);
  });

  it('adds, replaces and resolves contexts, and forgets a token at logout', () => {
    let config = upsertContext(empty, { name: 'a', server: 'https://a:443', insecure: true, token: 't1' });
    config = upsertContext(config, { name: 'b', server: 'http://b:8080', insecure: false, token: 't2' });
    config = upsertContext(config, { name: 'a', server: 'https://a:443', insecure: true, token: 't3' });
    expect(config['current-context']).toBe('a');
    expect(config.contexts.map((context) => context.name)).toEqual(['b', 'a']);
    expect(resolveContext(config)).toEqual({ name: 'a', server: 'https://a:443', insecure: true, token: 't3' });
    expect(resolveContext(config, 'b')).toEqual({ name: 'b', server: 'http://b:8080', insecure: false, token: 't2' });
    expect(resolveContext(withoutToken(config, 'a'))?.token).toBeUndefined();
    expect(resolveContext(config, 'nope')).toBeUndefined();
  });

  it("reads SERVER as Argo CD's login does: https unless --plaintext, URLs as given", () => {
    expect(serverUrl('cd.example.com', false)).toBe('https://cd.example.com');
    expect(serverUrl('127.0.0.1:8080', true)).toBe('http://127.0.0.1:8080');
    expect(serverUrl('http://127.0.0.1:8080/', false)).toBe('http://127.0.0.1:8080');
  });
});
