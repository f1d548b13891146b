import { parseKnownHosts, readStoredKnownHosts, sshFingerprint, writeStoredKnownHosts } from './ssh-known-hosts';

// Public keys made with ssh-keygen; fingerprints as `ssh-keygen -lf` printed them.
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIEfH6wZ8d90agmbu3MRrc/cUkTuDxajGffID5rM5VUpi';
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNbXfgxEw2S4PKxJFe+8WJKSXlBxQEnsizKF3G1iiy5UWL7QNrl3qRfirD8Z9vFoZjU2YFXRJwAVHWDJI7nhKPU=';

describe('SSH known hosts', () => {
  it('fingerprints a key as ssh-keygen -l does', () => {
    expect(sshFingerprint(ED25519)).toBe('SHA256:1ji3/0Ys/aChvN0mkxX+SierpQlnJ2k6mrVVLfky/b0');
    expect(sshFingerprint(ECDSA)).toBe('SHA256:AQhFlOV5KJNkLTzPnw5PMjuhejkqoVQwM12MX/QQyag');
  });

  it('splits a line into one entry per host and skips comments and blank lines', () => {
    const text = `# from ssh-keyscan\n\ngit.example.com,10.0.0.1 ssh-ed25519 ${ED25519} comment\n[git.example.com]:2222 ecdsa-sha2-nistp256 ${ECDSA}\n`;
    expect(parseKnownHosts(text)).toEqual([
      { host: 'git.example.com', keyType: 'ssh-ed25519', key: ED25519 },
      { host: '10.0.0.1', keyType: 'ssh-ed25519', key: ED25519 },
      { host: '[git.example.com]:2222', keyType: 'ecdsa-sha2-nistp256', key: ECDSA },
    ]);
  });

  it.each([
    [`host ssh-ed25519`, /^known_hosts line 1: expected "HOST\[,HOST…\] KEYTYPE BASE64KEY"$/],
    [`host ssh-foo ${ED25519}`, /^known_hosts line 1: unknown SSH key type "ssh-foo"/],
    [`host ssh-ed25519 not*base64`, /^known_hosts line 1: the key is not base64/],
    [`host ssh-rsa ${ED25519}`, /^known_hosts line 1: the key data is not a ssh-rsa key \(it holds ssh-ed25519\)$/],
    [`|1|abc=|def= ssh-ed25519 ${ED25519}`, /^known_hosts line 1: hashed host names cannot be managed/],
    [`@revoked host ssh-ed25519 ${ED25519}`, /^known_hosts line 1: the marker @revoked is not supported/],
    [`bad_host! ssh-ed25519 ${ED25519}`, /^known_hosts line 1: invalid host "bad_host!"/],
    [`[host]:99999 ssh-ed25519 ${ED25519}`, /^known_hosts line 1: invalid port in "\[host\]:99999"$/],
    ['# only a comment', /^no SSH known hosts entries found in the input$/],
  ])('refuses %j with one line naming it', (text, message) => {
    expect(() => parseKnownHosts(text)).toThrow(message);
  });

  it('names the line number of a bad entry', () => {
    expect(() => parseKnownHosts(`a ssh-ed25519 ${ED25519}\n\nb ssh-ed25519 AAAA`)).toThrow(/^known_hosts line 3: /);
  });

  it('keeps stored lines it cannot manage verbatim when rewriting', () => {
    const stored = `@cert-authority *.example.com ssh-ed25519 ${ED25519}\n# note\na,b ssh-ed25519 ${ED25519} c\n\n`;
    const lines = readStoredKnownHosts(stored);
    expect(lines).toEqual([
      { text: `@cert-authority *.example.com ssh-ed25519 ${ED25519}` },
      { text: '# note' },
      { entry: { host: 'a,b', keyType: 'ssh-ed25519', key: ED25519 } },
    ]);
    expect(writeStoredKnownHosts(lines)).toBe(
      `@cert-authority *.example.com ssh-ed25519 ${ED25519}\n# note\na,b ssh-ed25519 ${ED25519}\n`,
    );
    expect(writeStoredKnownHosts([])).toBe('');
  });
});
