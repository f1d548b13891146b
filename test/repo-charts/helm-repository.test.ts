// Charts from classic Helm repositories built with the real helm binary:
// versions, caching, basic auth, TLS with a custom CA, digests, credentials
// across hosts, and errors that never echo credentials or response bodies.
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { closedPort } from '../support/ports';
import {
  type HelmRepoServer,
  indexRepository,
  makeTestCertificates,
  packageChart,
  startForwardProxy,
  startHelmRepoServer,
  type TestCertificates,
} from '../support/chart-servers';
import { chartCaches, rejection } from './helpers';

const password = 'canary-pa55word-7f3a';

describe('Helm repository charts', () => {
  let repoDir: string;
  let plain: HelmRepoServer;
  let authenticated: HelmRepoServer;
  let certificates: TestCertificates;
  let secure: HelmRepoServer;
  const { newCache, closeAll } = chartCaches('driftless-charts-');

  beforeAll(async () => {
    repoDir = await mkdtemp(join(tmpdir(), 'driftless-helm-repo-'));
    for (const version of ['1.0.0', '1.2.0', '1.2.5', '1.3.0', '2.0.0-beta.1'])
      await packageChart(repoDir, 'demo', version);
    await packageChart(repoDir, 'other', '0.1.0');
    await indexRepository(repoDir);
    certificates = await makeTestCertificates();
    [plain, authenticated, secure] = await Promise.all([
      startHelmRepoServer({ dir: repoDir }),
      startHelmRepoServer({ dir: repoDir, basicAuth: { username: 'bot', password } }),
      startHelmRepoServer({ dir: repoDir, tls: { cert: certificates.serverCert, key: certificates.serverKey } }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await closeAll();
    await Promise.all([plain, authenticated, secure].map((server) => server?.close()));
  });

  it.each([
    ['1.2.*', '1.2.5'],
    ['>=1.0.0', '1.3.0'],
    ['~1.2.0', '1.2.5'],
    ['>= 1.0, < 1.3', '1.2.5'],
    ['>=2.0.0-0', '2.0.0-beta.1'],
    ['1.0.0', '1.0.0'],
    ['', '1.3.0'],
  ])('resolves %j to %s with the index digest', async (targetRevision, expected) => {
    const cache = await newCache();
    const resolved = await cache.resolveVersion({ url: plain.url }, 'demo', targetRevision);
    expect(resolved.version).toBe(expected);
    const archive = await readFile(join(repoDir, `demo-${expected}.tgz`));
    expect(resolved.digest).toBe(`sha256:${createHash('sha256').update(archive).digest('hex')}`);
  });

  it('reuses index.yaml for indexCacheMs', async () => {
    const cached = await newCache();
    const before = plain.requests.length;
    await cached.resolveVersion({ url: plain.url }, 'demo', '1.*');
    await cached.resolveVersion({ url: `${plain.url}/` }, 'other', '*');
    expect(plain.requests.length - before).toBe(1);
    const uncached = await newCache({ indexCacheMs: 0 });
    await uncached.resolveVersion({ url: plain.url }, 'demo', '1.*');
    await uncached.resolveVersion({ url: plain.url }, 'demo', '1.*');
    expect(plain.requests.length - before).toBe(3);
  });

  it('answers VERSION_NOT_FOUND and NOT_FOUND with the repository and chart', async () => {
    const cache = await newCache();
    const noVersion = await rejection(cache.resolveVersion({ url: plain.url }, 'demo', '9.*'));
    expect(noVersion.code).toBe('VERSION_NOT_FOUND');
    expect(noVersion.message).toContain(`chart "demo" from ${plain.url}`);
    expect(noVersion.message).toContain('1.3.0');
    expect((await rejection(cache.resolveVersion({ url: plain.url }, 'missing', '*'))).code).toBe('NOT_FOUND');
    expect((await rejection(cache.resolveVersion({ url: `${plain.url}/nowhere` }, 'demo', '*'))).code).toBe(
      'NOT_FOUND',
    );
    expect((await rejection(cache.fetch({ url: plain.url }, 'demo', '7.7.7'))).code).toBe('VERSION_NOT_FOUND');
    expect((await rejection(cache.fetch({ url: plain.url }, '../demo', '1.0.0'))).code).toBe('NOT_FOUND');
  });

  it('fetches into a read-only folder and serves the second fetch without HTTP', async () => {
    const root = await mkdtemp(join(tmpdir(), 'driftless-charts-'));
    const first = await newCache({ root });
    const fetched = await first.fetch({ url: plain.url }, 'demo', '1.2.5');
    expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('version: 1.2.5');
    expect((await stat(join(fetched.dir, 'Chart.yaml'))).mode & 0o777).toBe(0o444);
    expect((await stat(join(fetched.dir, 'templates'))).mode & 0o777).toBe(0o555);
    const archive = await readFile(join(repoDir, 'demo-1.2.5.tgz'));
    expect(fetched.digest).toBe(`sha256:${createHash('sha256').update(archive).digest('hex')}`);
    expect(fetched.dir.includes(plain.url.replace('http://', ''))).toBe(false);

    const requestsBefore = plain.requests.length;
    const second = await newCache({ root });
    const again = await second.fetch({ url: plain.url }, 'demo', '1.2.5');
    expect(again).toEqual(fetched);
    const concurrent = await Promise.all([1, 2, 3].map(() => first.fetch({ url: plain.url }, 'demo', '1.2.5')));
    expect(concurrent.every((result) => result.dir === fetched.dir)).toBe(true);
    expect(plain.requests.length).toBe(requestsBefore);

    // A damaged entry (unreadable chart.json) is fetched again and replaced.
    const entry = dirname(dirname(fetched.dir));
    await chmod(entry, 0o755);
    await rm(join(entry, 'chart.json'), { force: true });
    await writeFile(join(entry, 'chart.json'), '{broken');
    const third = await newCache({ root });
    const repaired = await third.fetch({ url: plain.url }, 'demo', '1.2.5');
    expect(repaired).toEqual(fetched);
    expect(plain.requests.length).toBe(requestsBefore + 2);
  });

  it('sends basic auth and refuses a wrong password without echoing it', async () => {
    const cache = await newCache();
    const credentials = {
      url: authenticated.url,
      type: 'helm' as const,
      source: 'argocd/charts',
      username: 'bot',
      password,
    };
    const fetched = await cache.fetch({ url: authenticated.url, credentials }, 'other', '0.1.0');
    expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('name: other');

    const wrong = await rejection(
      (await newCache()).resolveVersion(
        { url: authenticated.url, credentials: { ...credentials, password: `${password}-wrong` } },
        'demo',
        '*',
      ),
    );
    expect(wrong.code).toBe('AUTH_FAILED');
    expect(wrong.message).not.toContain(password);
    expect(wrong.message).not.toContain(Buffer.from(`bot:${password}-wrong`).toString('base64'));
    expect(wrong.message).toMatch(/index\.yaml.*HTTP 401.*username, password/);
    const anonymous = await rejection((await newCache()).resolveVersion({ url: authenticated.url }, 'demo', '*'));
    expect(anonymous.code).toBe('AUTH_FAILED');
    const inUrl = await rejection(
      (await newCache()).resolveVersion({ url: authenticated.url.replace('://', `://bot:${password}x@`) }, 'demo', '*'),
    );
    expect(inUrl.message).not.toContain(password);
    expect(inUrl.message).toContain('the repository URL carries credentials');
  });

  it('verifies TLS with the CA from argocd-tls-certs-cm, or skips it when insecure', async () => {
    const untrusted = await rejection((await newCache()).resolveVersion({ url: secure.url }, 'demo', '1.0.0'));
    expect(untrusted.code).toBe('FAILED');
    expect(untrusted.message).toMatch(/TLS handshake failed.*argocd-tls-certs-cm/);
    const trusted = await (
      await newCache()
    ).fetch({ url: secure.url, tlsCerts: { '127.0.0.1': certificates.caCert } }, 'demo', '1.0.0');
    expect(trusted.version).toBe('1.0.0');
    const insecure = await (
      await newCache()
    ).resolveVersion(
      { url: secure.url, credentials: { url: secure.url, type: 'helm', source: 's', insecure: true } },
      'demo',
      '1.*',
    );
    expect(insecure.version).toBe('1.3.0');
  });

  it('presents the TLS client certificate of the repository Secret', async () => {
    const mutual = await startHelmRepoServer({
      dir: repoDir,
      tls: { cert: certificates.serverCert, key: certificates.serverKey, clientCa: certificates.caCert },
    });
    try {
      const tlsCerts = { '127.0.0.1': certificates.caCert };
      const withoutCertificate = await rejection(
        (await newCache()).resolveVersion({ url: mutual.url, tlsCerts }, 'demo', '*'),
      );
      expect(withoutCertificate.code).toBe('FAILED');
      const credentials = {
        url: mutual.url,
        type: 'helm' as const,
        source: 's',
        tlsClientCertData: certificates.clientCert,
        tlsClientCertKey: certificates.clientKey,
      };
      const resolved = await (await newCache()).resolveVersion({ url: mutual.url, tlsCerts, credentials }, 'demo', '*');
      expect(resolved.version).toBe('1.3.0');
      expect(withoutCertificate.message).not.toContain('PRIVATE KEY');
    } finally {
      await mutual.close();
    }
  });

  it('refuses an archive whose digest differs from the index', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftless-helm-repo-'));
    await packageChart(dir, 'demo', '1.0.0');
    await indexRepository(dir);
    const index = await readFile(join(dir, 'index.yaml'), 'utf8');
    await writeFile(join(dir, 'index.yaml'), index.replace(/digest: [0-9a-f]{64}/, `digest: ${'0'.repeat(64)}`));
    const server = await startHelmRepoServer({ dir });
    try {
      const cache = await newCache();
      const error = await rejection(cache.fetch({ url: server.url }, 'demo', '1.0.0'));
      expect(error.code).toBe('FAILED');
      expect(error.message).toContain('the index says sha256:0000');
    } finally {
      await server.close();
    }
  });

  it('sends credentials to chart URLs on another host only with passCredentials', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftless-helm-repo-'));
    await packageChart(dir, 'demo', '1.0.0');
    const elsewhere = await startHelmRepoServer({ dir });
    // Same server, other origin: "localhost" instead of "127.0.0.1".
    await indexRepository(dir, elsewhere.url.replace('127.0.0.1', 'localhost'));
    const repo = await startHelmRepoServer({ dir });
    try {
      const access = {
        url: repo.url,
        credentials: { url: repo.url, type: 'helm' as const, source: 's', username: 'bot', password },
      };
      await (await newCache()).fetch(access, 'demo', '1.0.0');
      expect(repo.authorizations.every((header) => header?.startsWith('Basic '))).toBe(true);
      expect(elsewhere.authorizations).toEqual([undefined]);
      await (await newCache()).fetch(access, 'demo', '1.0.0', { passCredentials: true });
      expect(elsewhere.authorizations[1]).toMatch(/^Basic /);
    } finally {
      await Promise.all([repo.close(), elsewhere.close()]);
    }
  });

  it('goes through the repository proxy, with its credentials, unless noProxy exempts the host', async () => {
    const proxy = await startForwardProxy();
    try {
      const proxied = (url: string, extra: { noProxy?: string } = {}) => ({
        url,
        credentials: {
          url,
          type: 'helm' as const,
          source: 's',
          proxy: proxy.url.replace('://', '://proxyuser:proxy-secret@'),
          ...extra,
        },
      });
      expect((await (await newCache()).fetch(proxied(plain.url), 'demo', '1.0.0')).version).toBe('1.0.0');
      expect(proxy.seen).toEqual([`GET ${plain.url}/index.yaml`, `GET ${plain.url}/demo-1.0.0.tgz`]);
      expect(proxy.proxyAuthorizations[0]).toBe(`Basic ${Buffer.from('proxyuser:proxy-secret').toString('base64')}`);
      const tls = { ...proxied(secure.url), tlsCerts: { '127.0.0.1': certificates.caCert } };
      expect((await (await newCache()).resolveVersion(tls, 'demo', '1.0.0')).version).toBe('1.0.0');
      expect(proxy.seen[2]).toBe(`CONNECT ${secure.url.replace('https://', '')}`);
      const seenBefore = proxy.seen.length;
      await (await newCache()).resolveVersion(proxied(plain.url, { noProxy: 'example.com,127.0.0.1' }), 'demo', '*');
      expect(proxy.seen.length).toBe(seenBefore);
      const refused = await rejection(
        (await newCache()).resolveVersion(
          {
            ...proxied(plain.url),
            credentials: { ...proxied(plain.url).credentials, proxy: `http://127.0.0.1:${await closedPort()}` },
          },
          'demo',
          '*',
        ),
      );
      expect(refused.code).toBe('FAILED');
      expect(refused.message).not.toContain('proxy-secret');
    } finally {
      await proxy.close();
    }
  });

  describe('unexpected servers (BI-SSRF-1)', () => {
    let banner: Server;
    let bannerPort: number;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      banner = createTcpServer((socket) => {
        sockets.add(socket);
        socket.end('SSH-2.0-OpenSSH_secret-banner\r\n-ERR redis-secret\r\n');
      });
      await new Promise<void>((resolve) => banner.listen(0, '127.0.0.1', resolve));
      bannerPort = (banner.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => banner.close(resolve));
    });

    it('gives a generic error for a non-HTTP service, a refused port and a failing server', async () => {
      const cache = await newCache();
      const nonHttp = await rejection(cache.resolveVersion({ url: `http://127.0.0.1:${bannerPort}/` }, 'demo', '*'));
      expect(nonHttp.code).toBe('FAILED');
      expect(nonHttp.message).not.toMatch(/secret|OpenSSH|ERR/);
      const refused = await rejection(
        cache.resolveVersion({ url: `http://127.0.0.1:${await closedPort()}/` }, 'demo', '*'),
      );
      expect(refused.message).toContain('ECONNREFUSED');
      const failing = createHttpServer((_, response) => response.writeHead(500).end('internal-secret-body'));
      await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
      try {
        const port = (failing.address() as { port: number }).port;
        const error = await rejection(cache.resolveVersion({ url: `http://127.0.0.1:${port}` }, 'demo', '*'));
        expect(error.message).toContain('HTTP 500');
        expect(error.message).not.toContain('internal-secret-body');
        const html = createHttpServer((_, response) => response.writeHead(200).end('<html>secret page</html>'));
        await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
        const htmlPort = (html.address() as { port: number }).port;
        const notIndex = await rejection(cache.resolveVersion({ url: `http://127.0.0.1:${htmlPort}` }, 'demo', '*'));
        await new Promise((resolve) => html.close(resolve));
        expect(notIndex.message).toContain('Helm repository');
        expect(notIndex.message).not.toContain('secret');
      } finally {
        await new Promise((resolve) => failing.close(resolve));
      }
    });
  });
});
