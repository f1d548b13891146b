// `driftless cert` end to end against one server: TLS certificates and SSH
// known host keys saved in argocd-tls-certs-cm / argocd-ssh-known-hosts-cm,
// listed with Argo CD's columns, guarded by upsert and RBAC, and a saved CA
// actually trusted when the server checks an HTTPS repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import {
  CertificateConfigMapConflict,
  CertificateConfigMaps,
} from '../../core/src/repo/certificates/certificate-config-maps';
import { addCertificates } from '../../core/src/repo/certificates/certificate-set';
import { setConfigMap } from '../auth/auth-support';
import { makeRepo, makeTestCertificates, startGitHttpServer, type GitHttpServer } from '../support/git-servers';
import { postGraphql } from '../support/graphql';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

const base = mkdtempSync(join(tmpdir(), 'driftless-certs-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(base, name), text);
  return join(base, name);
};

/** A fresh ed25519 host key: its known_hosts key and the fingerprint `ssh-keygen -l` computes for it. */
function hostKey(name: string): { key: string; fingerprint: string } {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', join(base, name)]);
  const listing = execFileSync('ssh-keygen', ['-lf', join(base, `${name}.pub`)], { encoding: 'utf8' });
  return {
    key: readFileSync(join(base, `${name}.pub`), 'utf8').split(' ')[1] ?? '',
    fingerprint: listing.split(' ')[1] ?? '',
  };
}

describe('driftless cert', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      await ensureNamespace(cluster.connection.kubeConfig, namespace);
      await setConfigMap(cluster.connection, namespace, 'argocd-cm', { 'accounts.viewer': 'apiKey' });
      await setConfigMap(cluster.connection, namespace, 'argocd-rbac-cm', { 'policy.default': 'role:readonly' });
    },
  });
  let git: GitHttpServer;
  let caCert: string;
  let kubeconfig: string;

  beforeAll(async () => {
    // The server reads the certificate ConfigMaps through a 5 s cache; these tests look right after writing.
    fixture.kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    const certs = await makeTestCertificates();
    caCert = certs.caCert;
    await makeRepo(join(base, 'repos', 'secure.git'), { 'README.md': 'tls\n' });
    git = await startGitHttpServer({
      reposRoot: join(base, 'repos'),
      tls: { key: certs.serverKey, cert: certs.serverCert },
    });
    kubeconfig = file('kubeconfig', fixture.cluster.sim.kubeconfigYaml());
  });
  afterAll(async () => {
    await git?.close();
    rmSync(base, { recursive: true, force: true });
  });

  const cert = (...args: string[]) => runCliInProcess(['cert', ...args, '--server', fixture.kernel.url]);
  const configMap = async (name: string) =>
    (
      await fixture.cluster.connection.kubeConfig
        .makeApiClient(CoreV1Api)
        .readNamespacedConfigMap({ name, namespace: fixture.namespace })
    ).data ?? {};
  const listed = async (...args: string[]) => JSON.parse((await cert('list', '-o', 'json', ...args)).stdout) as unknown;

  const gitKey = hostKey('git-host');
  const mirrorKey = hostKey('mirror-host');

  it('the server refuses the HTTPS repository while its CA is unknown', async () => {
    const result = await runCliInProcess(['repo', 'add', `${git.url}/secure.git`, '--server', fixture.kernel.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^driftless: server error FAILED_PRECONDITION: .*\n$/);
    expect(result.stderr).toMatch(/certificate/i);
  });

  it('adds a TLS certificate, and the server then trusts the repository', async () => {
    const added = await cert('add-tls', '127.0.0.1', '--from', file('ca.pem', `subject=test CA\n${caCert}${caCert}`));
    expect(added).toEqual({
      code: 0,
      stdout: 'Created/updated TLS certificate entry for repository server 127.0.0.1 with 1 unique PEM certificates\n',
      stderr: '',
    });
    expect(await configMap('argocd-tls-certs-cm')).toEqual({ '127.0.0.1': caCert });
    const repo = await runCliInProcess(['repo', 'add', `${git.url}/secure.git`, '--server', fixture.kernel.url]);
    expect(repo).toMatchObject({ code: 0, stderr: '' });
  });

  it('adds SSH known host entries, one per host of a line', async () => {
    const knownHosts = file(
      'known_hosts',
      `# ssh-keyscan\ngit.example.com,10.1.2.3 ssh-ed25519 ${gitKey.key} comment\n[mirror.example.com]:2222 ssh-ed25519 ${mirrorKey.key}\n`,
    );
    const added = await cert('add-ssh', '--batch', '--from', knownHosts);
    expect(added).toEqual({ code: 0, stdout: 'Successfully created 3 SSH known host entries\n', stderr: '' });
    expect((await configMap('argocd-ssh-known-hosts-cm')).ssh_known_hosts).toBe(
      `git.example.com ssh-ed25519 ${gitKey.key}\n10.1.2.3 ssh-ed25519 ${gitKey.key}\n[mirror.example.com]:2222 ssh-ed25519 ${mirrorKey.key}\n`,
    );
    // Adding the same again changes nothing.
    expect((await cert('add-ssh', '--batch', '--from', knownHosts)).stdout).toBe(
      'Successfully created 0 SSH known host entries\n',
    );
  });

  it('lists Argo CD columns: SHA256 fingerprints for SSH, the subject for TLS, no data', async () => {
    const table = await cert('list');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['HOSTNAME', 'TYPE', 'SUBTYPE', 'INFO'],
      ['10.1.2.3', 'ssh', 'ssh-ed25519', gitKey.fingerprint],
      ['127.0.0.1', 'https', 'ecdsa', 'CN=driftless-test-ca'],
      ['[mirror.example.com]:2222', 'ssh', 'ssh-ed25519', mirrorKey.fingerprint],
      ['git.example.com', 'ssh', 'ssh-ed25519', gitKey.fingerprint],
      [''],
    ]);
    expect(gitKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(await listed('--cert-type', 'https')).toEqual([
      {
        serverName: '127.0.0.1',
        certType: 'https',
        certSubType: 'ecdsa',
        certInfo: 'CN=driftless-test-ca',
        certData: null,
      },
    ]);
    expect(await listed('--hostname-pattern', '*example.com*', '--sort', 'type')).toEqual([
      expect.objectContaining({ serverName: 'git.example.com' }),
      expect.objectContaining({ serverName: '[mirror.example.com]:2222' }),
    ]);
  });

  it('refuses a changed certificate without --upsert and replaces it with it', async () => {
    const changedLine = file('changed', `git.example.com ssh-ed25519 ${mirrorKey.key}\n`);
    const refused = await cert('add-ssh', '--batch', '--from', changedLine);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'driftless: server error BAD_USER_INPUT: the ssh-ed25519 key for git.example.com already exists with different data — use upsert to replace it\n',
    });
    expect((await cert('add-ssh', '--batch', '--from', changedLine, '--upsert')).code).toBe(0);
    expect(await listed('--hostname-pattern', 'git.example.com')).toEqual([
      expect.objectContaining({ certInfo: mirrorKey.fingerprint }),
    ]);
  });

  it('removes by pattern, type and sub-type', async () => {
    expect((await cert('rm', '*')).code).toBe(2);
    const none = await cert('rm', 'nothing.example.com');
    expect(none.stdout).toBe('No certificates were removed (none matched the given pattern)\n');
    const removed = await cert('rm', '*example.com*', '--cert-type', 'ssh', '--cert-sub-type', 'ssh-ed25519');
    expect(removed).toEqual({
      code: 0,
      stdout:
        "Removed cert for 'git.example.com' of type 'ssh' (subtype 'ssh-ed25519')\nRemoved cert for '[mirror.example.com]:2222' of type 'ssh' (subtype 'ssh-ed25519')\n",
      stderr: '',
    });
    expect(await listed()).toEqual([
      expect.objectContaining({ serverName: '10.1.2.3' }),
      expect.objectContaining({ serverName: '127.0.0.1' }),
    ]);
  });

  it('works directly on the cluster with --core, under the same rules', async () => {
    const core = ['--core', '--kubeconfig', kubeconfig, '--namespace', fixture.namespace];
    const viaCore = await runCliInProcess(['cert', 'list', '-o', 'json', ...core]);
    expect(JSON.parse(viaCore.stdout)).toEqual(await listed());
    const added = await runCliInProcess([
      'cert',
      'add-tls',
      'git.example.com',
      '--from',
      join(base, 'ca.pem'),
      ...core,
    ]);
    expect(added.code).toBe(0);
    expect(Object.keys(await configMap('argocd-tls-certs-cm')).sort()).toEqual(['127.0.0.1', 'git.example.com']);
    const changed = await runCliInProcess([
      'cert',
      'add-tls',
      'git.example.com',
      '--from',
      file('ca2.pem', (await makeTestCertificates()).caCert),
      ...core,
    ]);
    expect(changed).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/already exists with different data — use upsert/),
    });
    expect((await runCliInProcess(['cert', 'rm', 'git.example.com', ...core])).code).toBe(0);
  });

  it('never overwrites a ConfigMap that changed after it was read', async () => {
    const store = new CertificateConfigMaps(fixture.cluster.connection.kubeConfig, fixture.namespace);
    // A read from before someone else's edit, as if the edit landed between the read and the write.
    const before = await store.read();
    await setConfigMap(fixture.cluster.connection, fixture.namespace, 'argocd-tls-certs-cm', { other: caCert });
    jest.spyOn(store, 'read').mockResolvedValueOnce(before);
    const write = store.change((data) =>
      addCertificates(data, [{ serverName: 'late.example.com', certType: 'https', certData: caCert }], false),
    );
    await expect(write).rejects.toThrow(CertificateConfigMapConflict);
    expect(await configMap('argocd-tls-certs-cm')).toEqual({ other: caCert });
  });

  it('lets a read-only account list but not add or remove', async () => {
    const { body } = await postGraphql<{ createAccountToken: { token: string } }>(
      fixture.kernel.url,
      'mutation { createAccountToken(account: "viewer") { token } }',
    );
    const token = body.data?.createAccountToken.token ?? '';
    expect(token).not.toBe('');
    const asViewer = (...args: string[]) => cert(...args, '--auth-token', token);
    expect((await asViewer('list')).code).toBe(0);
    const add = await asViewer('add-tls', 'x.example.com', '--from', join(base, 'ca.pem'));
    expect(add).toMatchObject({ code: 1, stderr: expect.stringMatching(/^driftless: server error FORBIDDEN: .*\n$/) });
    const rm = await asViewer('rm', '127.0.0.1');
    expect(rm).toMatchObject({ code: 1, stderr: expect.stringMatching(/^driftless: server error FORBIDDEN: /) });
    expect(await listed('--hostname-pattern', 'x.example.com')).toEqual([]);
  });

  it('refuses bad PEM and bad known_hosts lines with one line naming the entry (exit 2)', async () => {
    const badPem = await cert(
      'add-tls',
      'git.example.com',
      '--from',
      file('bad.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
    );
    expect(badPem).toEqual({
      code: 2,
      stdout: '',
      stderr: 'driftless: TLS data for git.example.com: certificate 1 is not a valid X.509 certificate in PEM\n',
    });
    const badLine = await cert(
      'add-ssh',
      '--batch',
      '--from',
      file('bad_hosts', `ok.example.com ssh-ed25519 ${gitKey.key}\nbad.example.com ssh-ed25519 AAAA\n`),
    );
    expect(badLine).toEqual({
      code: 2,
      stdout: '',
      stderr: 'driftless: known_hosts line 2: the key data is not a ssh-ed25519 key\n',
    });
    const badName = await cert('add-tls', 'git.example.com:443', '--from', join(base, 'ca.pem'));
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(
      /^driftless: invalid server name "git.example.com:443" for a TLS certificate: .*\n$/,
    );
    // Through the API too, where a client may skip the CLI's checks.
    const { body } = await postGraphql(
      fixture.kernel.url,
      'mutation { createRepositoryCertificates(certificates: [{ serverName: "h", certType: "ssh", certSubType: "ssh-rsa", certData: "AAAA" }]) { serverName } }',
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'SSH key for h: the key data is not a ssh-rsa key',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
