// `driftless repo add|rm` and `driftless repocreds add|rm`: through the
// server's createRepository / deleteRepository (and the credential-template
// mutations) when logged in; with --core (or --kubeconfig) the repository and
// repo-creds Secrets Argo CD's CLI writes (same names, same fields) go
// straight to the control-plane cluster with the caller's Kubernetes rights.
// Either way a Git repository is checked first (ls-remote with the given
// credentials), a Helm repository by reading its index.yaml, as `argocd repo
// add` validates before saving — by the server, or here in direct mode.
import { readFile } from 'node:fs/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import { Command, Option } from 'commander';
import { kubeStatusCode } from '../../kube/api-status';
import { type RepositoryType } from '../../repo/credentials/repository-config';
import { SECRET_TYPE_LABEL } from '../../repo/credentials/repository-secret';
import {
  repositorySecret,
  type RepositorySecretInput,
  type SecretKind,
} from '../../repo/credentials/repository-secret-spec';
import { sameRepoUrl } from '../../repo/credentials/repository-url';
import { secretValues } from '../../kube/secret-values';
import { checkRepositoryAccess, RepositoryUnreachable } from '../../repo/api/repository-access-check';
import { addControlPlaneOptions, connectControlPlane, type ControlPlaneOptions } from '../client/control-plane-access';
import { graphqlRequest } from '../client/graphql-client';
import { addServerOptions } from '../client/server-options';
import { CliError, ExitCode } from '../exit-codes';
import { coreMode, type AppCommandOptions } from './app/app-options';

type ModeOptions = ControlPlaneOptions & AppCommandOptions;

interface AddOptions extends ModeOptions {
  name?: string;
  type: RepositoryType;
  project?: string;
  username?: string;
  password?: string;
  bearerToken?: string;
  sshPrivateKeyPath?: string;
  insecureSkipServerVerification?: boolean;
  tlsClientCertPath?: string;
  tlsClientCertKeyPath?: string;
  enableLfs?: boolean;
  enableOci?: boolean;
  githubAppId?: string;
  githubAppInstallationId?: string;
  githubAppPrivateKeyPath?: string;
  githubAppEnterpriseBaseUrl?: string;
  proxy?: string;
  noProxy?: string;
  forceHttpBasicAuth?: boolean;
  upsert?: boolean;
}

async function readFileOption(path: string | undefined, flag: string): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, ExitCode.usage);
  }
}

async function secretInput(url: string, options: AddOptions): Promise<RepositorySecretInput> {
  if (options.password !== undefined && options.username === undefined)
    throw new CliError('--password needs --username', ExitCode.usage);
  const [sshPrivateKey, tlsClientCertData, tlsClientCertKey, githubAppPrivateKey] = await Promise.all([
    readFileOption(options.sshPrivateKeyPath, '--ssh-private-key-path'),
    readFileOption(options.tlsClientCertPath, '--tls-client-cert-path'),
    readFileOption(options.tlsClientCertKeyPath, '--tls-client-cert-key-path'),
    readFileOption(options.githubAppPrivateKeyPath, '--github-app-private-key-path'),
  ]);
  const input: RepositorySecretInput = { url, type: options.type };
  const set = <K extends keyof RepositorySecretInput>(key: K, value: RepositorySecretInput[K] | undefined): void => {
    if (value !== undefined) input[key] = value;
  };
  set('name', options.name);
  set('project', options.project);
  set('username', options.username);
  set('password', options.password);
  set('bearerToken', options.bearerToken);
  set('sshPrivateKey', sshPrivateKey);
  set('tlsClientCertData', tlsClientCertData);
  set('tlsClientCertKey', tlsClientCertKey);
  set('githubAppPrivateKey', githubAppPrivateKey);
  set('githubAppID', options.githubAppId);
  set('githubAppInstallationID', options.githubAppInstallationId);
  set('githubAppEnterpriseBaseUrl', options.githubAppEnterpriseBaseUrl);
  set('proxy', options.proxy);
  set('noProxy', options.noProxy);
  set('insecure', options.insecureSkipServerVerification);
  set('enableLfs', options.enableLfs);
  set('enableOCI', options.enableOci);
  set('forceHttpBasicAuth', options.forceHttpBasicAuth);
  return input;
}

/** Direct mode's check before saving; the server runs the same one (under its egress policy) otherwise. */
async function validateAccess(input: RepositorySecretInput): Promise<void> {
  try {
    await checkRepositoryAccess(input, { allowFileUrls: true });
  } catch (error) {
    if (error instanceof RepositoryUnreachable) throw new CliError(error.message);
    throw error;
  }
}

/** Argo CD's `--no-proxy`: commander would read any `--no-x` flag as the negation of `--x`. */
function noProxyOption(): Option {
  const option = new Option('--no-proxy <hosts>', 'hosts that bypass the proxy (comma-separated)');
  option.negate = false;
  return option;
}

function addCommand(kind: SecretKind): Command {
  const command = new Command('add')
    .description(kind === 'repository' ? 'add a repository (writes its Secret)' : 'add a credential template')
    .argument('<url>', kind === 'repository' ? 'repository URL' : 'URL prefix the credentials apply to')
    .addOption(new Option('--type <type>', 'repository type').choices(['git', 'helm', 'oci']).default('git'))
    .option('--username <username>', 'username')
    .option('--password <password>', 'password (or token)')
    .option('--bearer-token <token>', 'bearer token (Bitbucket Data Center and similar)')
    .option('--ssh-private-key-path <file>', 'SSH private key')
    .option('--tls-client-cert-path <file>', 'TLS client certificate (PEM)')
    .option('--tls-client-cert-key-path <file>', 'TLS client key (PEM)')
    .option('--github-app-id <id>', 'GitHub App ID')
    .option('--github-app-installation-id <id>', 'GitHub App installation ID')
    .option('--github-app-private-key-path <file>', 'GitHub App private key (PEM)')
    .option('--github-app-enterprise-base-url <url>', 'GitHub Enterprise API base URL')
    .option('--proxy <url>', 'HTTP(S) proxy')
    .addOption(noProxyOption())
    .option('--force-http-basic-auth', 'always send basic auth')
    .option('--enable-oci', 'Helm repository is an OCI registry')
    .option('--upsert', 'replace an existing Secret with different settings');
  if (kind === 'repository') {
    command
      .option('--name <name>', 'a name for the repository (Helm repositories need one)')
      .option('--project <project>', 'restrict the repository to a project')
      .option('--insecure-skip-server-verification', 'skip TLS verification and SSH host key checks')
      .option('--enable-lfs', 'fetch Git LFS objects');
  }
  return withModeOptions(command).action(async (url: string, options: AddOptions, self: Command) => {
    const input = await secretInput(url, options);
    if (!coreMode(self, options)) {
      await graphqlRequest(options, kind === 'repository' ? CREATE_REPOSITORY : CREATE_CREDENTIALS, {
        input,
        upsert: options.upsert === true,
      });
      process.stdout.write(`${kind === 'repository' ? 'Repository' : 'Repository credentials'} '${url}' added\n`);
      return;
    }
    if (kind === 'repository') await validateAccess(input);
    const secret = repositorySecret(kind, options.namespace, input);
    const api = connectControlPlane(options).kubeConfig.makeApiClient(CoreV1Api);
    const existing = await api
      .readNamespacedSecret({ name: secret.metadata.name, namespace: options.namespace })
      .catch((error: unknown) => {
        if (kubeStatusCode(error) === 404) return undefined;
        throw error;
      });
    if (existing) {
      const current = secretValues(existing);
      const same =
        Object.keys(current).length === Object.keys(secret.stringData).length &&
        Object.entries(secret.stringData).every(([key, value]) => current[key] === value);
      if (!same && !options.upsert)
        throw new CliError(
          `${kind} ${url} exists with different settings (Secret ${secret.metadata.name}) — add --upsert to replace it`,
        );
      await api.replaceNamespacedSecret({ name: secret.metadata.name, namespace: options.namespace, body: secret });
    } else {
      await api.createNamespacedSecret({ namespace: options.namespace, body: secret });
    }
    process.stdout.write(`${kind === 'repository' ? 'Repository' : 'Repository credentials'} '${url}' added\n`);
  });
}

function rmCommand(kind: SecretKind): Command {
  const command = new Command('rm')
    .description(kind === 'repository' ? 'remove a repository' : 'remove a credential template')
    .argument('<url>', 'the URL it was added with');
  if (kind === 'repository')
    command.option('--project <project>', 'the project of the repository, when the URL is saved for several');
  return withModeOptions(command).action(
    async (url: string, options: ModeOptions & { project?: string }, self: Command) => {
      if (!coreMode(self, options)) {
        if (kind === 'repository')
          await graphqlRequest(options, DELETE_REPOSITORY, { url, project: options.project ?? null });
        else await graphqlRequest(options, DELETE_CREDENTIALS, { url });
        process.stdout.write(`${kind === 'repository' ? 'Repository' : 'Repository credentials'} '${url}' removed\n`);
        return;
      }
      const api = connectControlPlane(options).kubeConfig.makeApiClient(CoreV1Api);
      const secrets = await api.listNamespacedSecret({
        namespace: options.namespace,
        labelSelector: `${SECRET_TYPE_LABEL}=${kind}`,
      });
      const matching = secrets.items.filter((secret) => {
        const secretUrl = secretValues(secret).url;
        return secretUrl !== undefined && sameRepoUrl(secretUrl, url);
      });
      if (matching.length === 0) throw new CliError(`no ${kind} ${url} in namespace ${options.namespace}`);
      for (const secret of matching)
        await api.deleteNamespacedSecret({ name: secret.metadata?.name ?? '', namespace: options.namespace });
      process.stdout.write(`${kind === 'repository' ? 'Repository' : 'Repository credentials'} '${url}' removed\n`);
    },
  );
}

const CREATE_REPOSITORY =
  'mutation ($input: RepositoryInput!, $upsert: Boolean) { createRepository(repository: $input, upsert: $upsert) { url } }';
const CREATE_CREDENTIALS =
  'mutation ($input: RepositoryInput!, $upsert: Boolean) { createRepositoryCredentials(credentials: $input, upsert: $upsert) { url } }';
const DELETE_REPOSITORY =
  'mutation ($url: String!, $project: String) { deleteRepository(url: $url, project: $project) }';
const DELETE_CREDENTIALS = 'mutation ($url: String!) { deleteRepositoryCredentials(url: $url) }';

/**
 * The server flags, Argo CD's --core and the control-plane flags direct mode
 * uses — the application commands' choice (app-options.ts) without -N.
 */
export function withModeOptions(command: Command): Command {
  addServerOptions(command).addOption(
    new Option('--core', 'work on the control-plane cluster directly with your kubeconfig, not through the server'),
  );
  return addControlPlaneOptions(command);
}

export function repoWriteCommands(kind: SecretKind): Command[] {
  return [addCommand(kind), rmCommand(kind)];
}
