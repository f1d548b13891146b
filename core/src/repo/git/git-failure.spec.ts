import { classifyGitStderr, gitFailureError, safeGitDetail, scrubSecrets } from './git-failure';

describe('classifyGitStderr', () => {
  it.each([
    ["fatal: Authentication failed for 'https://h/x.git/'", 'AUTH_FAILED'],
    ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'AUTH_FAILED'],
    ['git@h: Permission denied (publickey).', 'AUTH_FAILED'],
    ['Host key verification failed.', 'HOST_KEY_MISMATCH'],
    ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@', 'HOST_KEY_MISMATCH'],
    ["fatal: repository 'https://h/x.git/' not found", 'NOT_FOUND'],
    ["fatal: '/srv/x' does not appear to be a git repository", 'NOT_FOUND'],
    ["fatal: couldn't find remote ref refs/heads/nope", 'REVISION_NOT_FOUND'],
    ['fatal: remote error: upload-pack: not our ref ffff', 'REVISION_NOT_FOUND'],
    ["fatal: transport 'file' not allowed", 'FORBIDDEN_URL'],
    ['fatal: unable to access: Could not resolve host: h', 'FAILED'],
  ])('%s → %s', (stderr, code) => {
    expect(classifyGitStderr(stderr)).toBe(code);
  });
});

describe('scrubSecrets', () => {
  it('removes secret values, Authorization headers, keys and URL userinfo', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAkeymaterial\n-----END OPENSSH PRIVATE KEY-----';
    const text = `pw=hunter22 header Authorization: Basic Ym90Omh1bnRlcjIy url https://bot:hunter22@h/x ${key}`;
    const scrubbed = scrubSecrets(text, ['hunter22']);
    expect(scrubbed).not.toContain('hunter22');
    expect(scrubbed).not.toContain('Ym90Omh1bnRlcjIy');
    expect(scrubbed).not.toContain('keymaterial');
    expect(scrubbed).toContain('https://h/x');
  });

  it('removes each line of a multi-line secret', () => {
    expect(scrubSecrets('line two-of-key appears', ['line one-of-key\ntwo-of-key'])).toBe('line *** appears');
  });
});

describe('safeGitDetail', () => {
  it('keeps git’s own fatal line, scrubbed', () => {
    expect(
      safeGitDetail(
        "fatal: unable to access 'https://u:p4ss@h/x/': Could not resolve host: h\n",
        ['p4ss'],
        'https://h/x',
      ),
    ).toBe('Could not resolve host: h');
  });

  it('never echoes server bytes', () => {
    const stderr = [
      'remote: -ERR canary banner',
      'fatal: protocol error: bad line length character: -ERR',
      "fatal: invalid server response; got '-ERR canary'",
    ].join('\n');
    expect(safeGitDetail(stderr, [], 'git://h/')).toBe('protocol error');
    expect(safeGitDetail("fatal: invalid server response; got '-ERR canary'", [], 'x')).toBe('invalid server response');
    expect(safeGitDetail('remote: hello\n', [], 'x')).toBeUndefined();
    expect(safeGitDetail("fatal: something 'quoted-server-text' here", [], 'x')).toBe("something '...' here");
  });
});

describe('gitFailureError', () => {
  it('says what, where and what to do, without secrets', () => {
    const error = gitFailureError({
      operation: 'ls-remote',
      displayUrl: 'https://h/x.git',
      host: 'h',
      stderr: "fatal: Authentication failed for 'https://bot:hunter22@h/x.git/'",
      exitCode: 128,
      secrets: ['hunter22'],
    });
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('https://h/x.git');
    expect(error.message).toContain('Secret');
    expect(error.message).not.toContain('hunter22');
  });
});
