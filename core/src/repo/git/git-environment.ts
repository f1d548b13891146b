// The environment every git process runs with, built from nothing inherited:
// a private HOME, no system or global config, no prompts, only the transports
// the URL needs, no hooks. Credentials travel as configuration in the
// environment (GIT_CONFIG_COUNT/KEY/VALUE) or as 0600 files, never in argv or
// in the URL. Pure: the caller writes the files and passes their paths.
import type { GitUrl } from './git-url';

export interface CredentialFilePaths {
  sshKey?: string;
  knownHosts?: string;
  caBundle?: string;
  clientCert?: string;
  clientKey?: string;
}

export interface GitEnvironmentInput {
  url: GitUrl;
  homeDir: string;
  allowFileUrls: boolean;
  /** "Basic …" or "Bearer …" for http(s). */
  authorization?: string;
  insecure?: boolean;
  proxy?: string;
  noProxy?: string;
  files: CredentialFilePaths;
  /** The host's PATH (git and ssh must be found). */
  path: string;
  /** Proxy variables of the host, used when the repository names no proxy. */
  hostProxyEnv?: Record<string, string>;
  connectTimeoutSeconds?: number;
  /** The address the host was resolved to and checked at; http(s) connections are pinned to it. */
  resolvedAddress?: string;
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function sshCommand(input: GitEnvironmentInput): string {
  const { files } = input;
  const options = [
    'ssh',
    '-F /dev/null',
    '-o BatchMode=yes',
    '-o IdentitiesOnly=yes',
    '-o IdentityAgent=none',
    '-o ControlMaster=no',
    '-o ControlPath=none',
    '-o PasswordAuthentication=no',
    '-o KbdInteractiveAuthentication=no',
    '-o LogLevel=ERROR',
    '-o GlobalKnownHostsFile=/dev/null',
    `-o ConnectTimeout=${input.connectTimeoutSeconds ?? 30}`,
  ];
  options.push(files.sshKey ? `-i ${shellQuote(files.sshKey)}` : '-o IdentityFile=none');
  if (input.insecure) {
    options.push('-o StrictHostKeyChecking=no', '-o UserKnownHostsFile=/dev/null');
  } else {
    options.push(
      '-o StrictHostKeyChecking=yes',
      `-o UserKnownHostsFile=${shellQuote(files.knownHosts ?? '/dev/null')}`,
    );
  }
  return options.join(' ');
}

/** `git -c` pairs, passed through GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n/GIT_CONFIG_VALUE_n. */
export function gitConfigPairs(input: GitEnvironmentInput): [string, string][] {
  const pairs: [string, string][] = [
    ['core.hooksPath', '/dev/null'],
    ['core.fsmonitor', 'false'],
    ['core.askPass', ''],
    ['credential.helper', ''],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['fetch.recurseSubmodules', 'false'],
    ['submodule.recurse', 'false'],
    ['advice.detachedHead', 'false'],
    ['init.defaultBranch', 'main'],
    ['protocol.allow', 'never'],
    ['protocol.https.allow', 'always'],
    ['protocol.http.allow', 'always'],
    ['protocol.ssh.allow', 'always'],
    ['protocol.git.allow', 'always'],
    ['protocol.file.allow', input.allowFileUrls ? 'always' : 'never'],
    ['protocol.ext.allow', 'never'],
  ];
  const web = input.url.transport === 'https' || input.url.transport === 'http';
  if (web) {
    if (input.authorization) pairs.push(['http.extraHeader', `Authorization: ${input.authorization}`]);
    if (input.insecure) pairs.push(['http.sslVerify', 'false']);
    if (input.files.caBundle) pairs.push(['http.sslCAInfo', input.files.caBundle]);
    if (input.files.clientCert) pairs.push(['http.sslCert', input.files.clientCert]);
    if (input.files.clientKey) pairs.push(['http.sslKey', input.files.clientKey]);
    if (input.proxy) pairs.push(['http.proxy', input.proxy]);
    if (input.resolvedAddress) {
      const port = input.url.port ?? (input.url.transport === 'https' ? 443 : 80);
      const address = input.resolvedAddress.includes(':') ? `[${input.resolvedAddress}]` : input.resolvedAddress;
      pairs.push(['http.curloptResolve', `${input.url.host.replace(/^\[(.*)\]$/, '$1')}:${port}:${address}`]);
    }
  }
  return pairs;
}

export function gitEnvironment(input: GitEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    PATH: input.path,
    HOME: input.homeDir,
    XDG_CONFIG_HOME: `${input.homeDir}/.config`,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_SSH_VARIANT: 'ssh',
    GIT_SSH_COMMAND: sshCommand(input),
  };
  if (!input.proxy && input.hostProxyEnv) Object.assign(env, input.hostProxyEnv);
  if (input.noProxy) {
    env.NO_PROXY = input.noProxy;
    env.no_proxy = input.noProxy;
  }
  const pairs = gitConfigPairs(input);
  env.GIT_CONFIG_COUNT = String(pairs.length);
  pairs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

const proxyVariables = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

export function hostProxyEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of proxyVariables) {
    const value = env[name];
    if (value) result[name] = value;
  }
  return result;
}
