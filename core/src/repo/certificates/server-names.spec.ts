import { checkSshServerName, checkTlsServerName, matchesHostPattern } from './server-names';

describe('repository server names', () => {
  it.each(['git.example.com', 'localhost', '10.0.0.1', 'git.example.com.', 'a-b.c'])('accepts TLS name %s', (name) => {
    expect(() => checkTlsServerName(name)).not.toThrow();
  });

  it.each(['git.example.com:443', '-bad.example.com', 'under_score.com', '::1', ''])('refuses TLS name %j', (name) => {
    expect(() => checkTlsServerName(name)).toThrow(/^invalid server name ".*" for a TLS certificate/);
  });

  it.each(['git.example.com', '[git.example.com]:2222', '::1', '[::1]:22'])('accepts SSH host %s', (name) => {
    expect(() => checkSshServerName('here', name)).not.toThrow();
  });

  it('matches shell globs over the whole name, as Go filepath.Match', () => {
    expect(matchesHostPattern('git.example.com', undefined)).toBe(true);
    expect(matchesHostPattern('git.example.com', '*.example.com')).toBe(true);
    expect(matchesHostPattern('git.example.com', 'example.com')).toBe(false);
    expect(matchesHostPattern('git1.example.com', 'git?.example.com')).toBe(true);
    expect(matchesHostPattern('git1.example.com', 'git[0-9].example.com')).toBe(true);
    expect(matchesHostPattern('gitx.example.com', 'git[^0-9].example.com')).toBe(true);
    expect(matchesHostPattern('[git.example.com]:2222', '\\[git.example.com\\]:*')).toBe(true);
    expect(matchesHostPattern('git.example.com', 'git[.example.com')).toBe(false);
  });
});
