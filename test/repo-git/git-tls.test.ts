// HTTPS with a private CA (argocd-tls-certs-cm) and a required client
// certificate (tlsClientCertData/Key), and what happens without them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import {
  makeRepo,
  makeTestCertificates,
  startGitHttpServer,
  type GitHttpServer,
  type TestCertificates,
  type TestRepo,
} from '../support/git-servers';
import { caught, visibleText, removeTestDir } from './helpers';

describe('GitCache over HTTPS with a private CA and client certificates', () => {
  let root: string;
  let certs: TestCertificates;
  let server: GitHttpServer;
  let repo: TestRepo;
  let cache: GitCache;
  let withCert: RepositoryConfig;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-tls-'));
    certs = await makeTestCertificates();
    repo = await makeRepo(join(root, 'repos', 'secure.git'), { 'values.yaml': 'tls: true\n' });
    server = await startGitHttpServer({
      reposRoot: join(root, 'repos'),
      tls: { key: certs.serverKey, cert: certs.serverCert, clientCa: certs.caCert },
    });
    cache = new GitCache({ root: join(root, 'cache'), allowFileUrls: false, timeoutMs: 20_000 });
    withCert = {
      url: '',
      type: 'git',
      source: 'argocd/tls',
      tlsClientCertData: certs.clientCert,
      tlsClientCertKey: certs.clientKey,
    };
  });

  afterAll(async () => {
    await server.close();
    await removeTestDir(root);
  });

  it('trusts the CA from tlsCerts for the host and presents the client certificate', async () => {
    const access = { url: `${server.url}/secure.git`, credentials: withCert, tlsCerts: { '127.0.0.1': certs.caCert } };
    const { commit } = await cache.resolveRevision(access, 'HEAD');
    expect(commit).toBe(repo.commits[0]);
    const checkout = await cache.checkout(access, commit);
    expect(await readFile(join(checkout.dir, 'values.yaml'), 'utf8')).toBe('tls: true\n');
  });

  it('fails without the CA, and the message does not contain the client key', async () => {
    const error = await caught(
      cache.resolveRevision({ url: `${server.url}/secure.git`, credentials: withCert }, 'HEAD'),
    );
    expect(error.code).toBe('FAILED');
    expect(error.message).toContain(`${server.url}/secure.git`);
    const text = visibleText(error);
    for (const line of certs.clientKey.split('\n').filter((line) => line.length > 20)) expect(text).not.toContain(line);
  });

  it('fails without a client certificate even when insecure skips verification', async () => {
    const insecure: RepositoryConfig = { url: '', type: 'git', source: 'argocd/tls', insecure: true };
    const error = await caught(
      cache.resolveRevision({ url: `${server.url}/secure.git`, credentials: insecure }, 'HEAD'),
    );
    expect(error.code).not.toBe('TIMEOUT');
  });

  it('skips server verification when insecure', async () => {
    const access = { url: `${server.url}/secure.git`, credentials: { ...withCert, insecure: true } };
    await expect(cache.resolveRevision(access, 'main')).resolves.toMatchObject({ commit: repo.commits[0] });
  });
});
