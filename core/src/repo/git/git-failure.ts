// Turning a failed git process into a GitError: the code comes from git's
// stderr, the message from our own words plus at most one scrubbed line of
// git's. Server-controlled bytes (lines starting "remote:", quoted server
// responses, protocol garbage) are never echoed (BI-SSRF-1), and every secret
// value, Authorization header and private key is removed (BI-LEAK-1).
import { GitError, type GitErrorCode } from './git-error';

const patterns: readonly [GitErrorCode, RegExp][] = [
  [
    'HOST_KEY_MISMATCH',
    /host key verification failed|remote host identification has changed|host key for .* has changed|no \S+ host key is known/i,
  ],
  [
    'AUTH_FAILED',
    /authentication failed|could not read (username|password)|permission denied \(|returned error: 40[13]|http 40[13]|invalid username or password|terminal prompts disabled|access denied/i,
  ],
  [
    'REVISION_NOT_FOUND',
    /couldn't find remote ref|not our ref|unadvertised object|bad object|invalid object name|no such ref|ambiguous argument/i,
  ],
  [
    'NOT_FOUND',
    /repository .*not found|does not appear to be a git repository|returned error: 404|http 404|not a git repository|no such file or directory/i,
  ],
  ['FORBIDDEN_URL', /transport '[^']*' not allowed|unsupported url protocol/i],
];

export function classifyGitStderr(stderr: string): GitErrorCode {
  for (const [code, pattern] of patterns) if (pattern.test(stderr)) return code;
  return 'FAILED';
}

/** Removes secret values, Authorization headers and PEM blocks from free text. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text
    .replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, '[redacted key]')
    .replace(/(authorization:\s*)\S+(\s+\S+)?/gi, '$1[redacted]')
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1');
  const values = secrets
    .flatMap((secret) => [secret, ...secret.split('\n').map((line) => line.trim())])
    .filter((value) => value.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const value of values) scrubbed = scrubbed.split(value).join('***');
  return scrubbed;
}

/** One line of git's stderr that is safe to show: ours ("fatal:"/"error:"), scrubbed, without server bytes. */
export function safeGitDetail(stderr: string, secrets: readonly string[], displayUrl: string): string | undefined {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /^(fatal|error): /.test(text) && !/^(fatal|error): remote:/i.test(text));
  if (line === undefined) return undefined;
  const detail = scrubSecrets(line.replace(/^(fatal|error): /, ''), secrets)
    .replace(/^unable to access '[^']*': /, '')
    .replace(/'[^']*'/g, (quoted) => (/^'(https?|ssh|git|file):\/\//.test(quoted) ? `'${displayUrl}'` : "'...'"))
    .replace(/(bad line length character|protocol error|invalid server response|expected flush after).*$/i, '$1')
    .replace(/[^\x20-\x7e]/g, '?');
  return detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

export interface GitFailure {
  operation: string;
  displayUrl: string;
  host: string;
  stderr: string;
  exitCode: number | null;
  secrets: readonly string[];
}

export function gitFailureError(failure: GitFailure): GitError {
  const code = classifyGitStderr(failure.stderr);
  const url = failure.displayUrl;
  switch (code) {
    case 'AUTH_FAILED':
      return new GitError(
        code,
        `authentication to repository ${url} failed: check the credentials (username/password, bearer token, SSH key, TLS client certificate or GitHub App) in its repository or repo-creds Secret`,
      );
    case 'HOST_KEY_MISMATCH':
      return new GitError(
        code,
        `the SSH host key of ${failure.host} (repository ${url}) is not trusted or has changed: add the host's key to argocd-ssh-known-hosts-cm, or mark the repository insecure`,
      );
    case 'NOT_FOUND':
      return new GitError(
        code,
        `repository ${url} was not found: check the repository URL and that the credentials may read it`,
      );
    case 'FORBIDDEN_URL':
      return new GitError(code, `repository URL ${url} uses a transport that is not allowed`);
    case 'REVISION_NOT_FOUND':
      return new GitError(code, `git ${failure.operation} for repository ${url}: the revision does not exist`);
    default: {
      const detail = safeGitDetail(failure.stderr, failure.secrets, url) ?? `exit code ${String(failure.exitCode)}`;
      return new GitError(
        'FAILED',
        `git ${failure.operation} for repository ${url} failed: ${detail}. Check that the URL points at a git server and that it is reachable`,
      );
    }
  }
}
