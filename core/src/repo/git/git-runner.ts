// Runs git for the cache: remote commands with the connection's credentials
// (files written for the one command, then removed), local commands on a
// mirror with the same locked-down environment and no credentials at all.
// Failures become GitErrors with scrubbed messages.
import { isIP } from 'node:net';
import { type Egress, EgressRefusedError, resolveAllowed, systemLookup } from '../egress';
import { writeCredentialFiles } from './credential-files';
import { GitError } from './git-error';
import { gitEnvironment, hostProxyEnvironment, type GitEnvironmentInput } from './git-environment';
import { gitFailureError } from './git-failure';
import type { GitConnection } from './git-repo-access';
import { runGitProcess } from './run-git';

export interface GitRunnerPaths {
  homeDir: string;
  /** Parent of each remote command's 0700 directory of key and certificate files. */
  credentialsDir: string;
}

export interface GitCommand {
  operation: string;
  args: readonly string[];
  cwd: string;
  stdin?: string;
  maxStdoutBytes?: number;
  /** Extra variables (GIT_INDEX_FILE for a private index). */
  env?: Record<string, string>;
}

export class GitRunner {
  constructor(
    private readonly paths: GitRunnerPaths,
    private readonly allowFileUrls: boolean,
    private readonly timeoutMs: number,
    /** Where remote git commands may connect (BI-SSRF-1). */
    private readonly egress?: Egress,
  ) {}

  /** A command that talks to the repository's server. */
  async remote(connection: GitConnection, command: GitCommand): Promise<Buffer> {
    const address = await this.allowedAddress(connection, command);
    const files = await writeCredentialFiles(this.paths.credentialsDir, connection.files);
    try {
      const input: GitEnvironmentInput = {
        url: connection.url,
        homeDir: this.paths.homeDir,
        allowFileUrls: this.allowFileUrls,
        insecure: connection.insecure,
        files: files.paths,
        path: process.env.PATH ?? '/usr/bin:/bin',
        hostProxyEnv: hostProxyEnvironment(process.env),
        connectTimeoutSeconds: Math.max(1, Math.min(30, Math.ceil(this.timeoutMs / 1000))),
      };
      if (connection.authorization) input.authorization = connection.authorization;
      if (connection.proxy) input.proxy = connection.proxy;
      if (connection.noProxy) input.noProxy = connection.noProxy;
      if (address) input.resolvedAddress = address;
      return await this.run(connection, command, gitEnvironment(input));
    } finally {
      await files.dispose();
    }
  }

  /**
   * The address the server's name resolves to, checked against the egress
   * policy before git runs. Over http(s) git is then pinned to it
   * (http.curloptResolve), so a second DNS answer cannot redirect the fetch.
   * Through a proxy the proxy resolves names: only a literal address is checked.
   */
  private async allowedAddress(connection: GitConnection, command: GitCommand): Promise<string | undefined> {
    const { url } = connection;
    if (!this.egress || url.transport === 'file' || !url.host) return undefined;
    const proxied = Boolean(connection.proxy) || Object.keys(hostProxyEnvironment(process.env)).length > 0;
    const host = url.host.replace(/^\[(.*)\]$/, '$1');
    try {
      if (proxied && !isIP(host)) return undefined;
      const [address] = await resolveAllowed(host, this.egress.policy, this.egress.lookup ?? systemLookup);
      return proxied ? undefined : address;
    } catch (error) {
      if (error instanceof EgressRefusedError)
        throw new GitError(
          'FORBIDDEN_URL',
          `git ${command.operation} for repository ${url.displayUrl}: ${error.message}`,
        );
      throw new GitError(
        'FAILED',
        `git ${command.operation} for repository ${url.displayUrl}: the host name ${url.host} could not be resolved — check the repository URL and DNS`,
      );
    }
  }

  /** A command on local data only (the mirror): no credentials, no network transports. */
  local(connection: GitConnection, command: GitCommand): Promise<Buffer> {
    const env = gitEnvironment({
      url: connection.url,
      homeDir: this.paths.homeDir,
      allowFileUrls: false,
      files: {},
      path: process.env.PATH ?? '/usr/bin:/bin',
    });
    return this.run(connection, command, env);
  }

  /** A local command whose exit status is the answer (`cat-file -e`, `rev-parse --verify`). */
  async localSucceeds(connection: GitConnection, command: GitCommand): Promise<Buffer | undefined> {
    try {
      return await this.local(connection, command);
    } catch (error) {
      if (error instanceof GitError && error.code !== 'TIMEOUT') return undefined;
      throw error;
    }
  }

  private async run(connection: GitConnection, command: GitCommand, env: Record<string, string>): Promise<Buffer> {
    const options = {
      args: command.args,
      cwd: command.cwd,
      env: { ...env, ...command.env },
      timeoutMs: this.timeoutMs,
    };
    const result = await runGitProcess({
      ...options,
      ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
      ...(command.maxStdoutBytes !== undefined ? { maxStdoutBytes: command.maxStdoutBytes } : {}),
    });
    const url = connection.url.displayUrl;
    if (result.timedOut) {
      throw new GitError(
        'TIMEOUT',
        `git ${command.operation} for repository ${url} did not finish within ${Math.round(this.timeoutMs / 1000)} s and was stopped: the server is not answering or too slow; check that it is reachable`,
      );
    }
    if (result.overflow) {
      throw new GitError(
        'TOO_LARGE',
        `git ${command.operation} for repository ${url} produced more output than allowed and was stopped`,
      );
    }
    if (result.exitCode !== 0) {
      throw gitFailureError({
        operation: command.operation,
        displayUrl: url,
        host: connection.url.host,
        stderr: result.stderr,
        exitCode: result.exitCode,
        secrets: connection.secrets,
      });
    }
    return result.stdout;
  }
}
