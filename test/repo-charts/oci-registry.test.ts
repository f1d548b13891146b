// Charts in a real OCI registry (distribution v2, Debian's docker-registry),
// pushed with `helm push`, fetched over the distribution API without helm.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fetch as undiciFetch } from 'undici';
import { type OciRegistry, packageChart, startOciRegistry, startTokenAuthProxy } from '../support/chart-servers';
import { chartCaches, rejection } from './helpers';

const password = 'canary-oci-pa55word-91c2';

describe('OCI registry charts', () => {
  let anonymous: OciRegistry;
  let authenticated: OciRegistry;
  const { newCache, closeAll } = chartCaches('driftless-oci-charts-');

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'driftless-oci-out-'));
    const archives = [];
    for (const version of ['1.0.0', '1.2.0', '1.3.0+build.7', '2.0.0-rc.1']) {
      archives.push(await packageChart(out, 'demo', version));
    }
    [anonymous, authenticated] = await Promise.all([
      startOciRegistry(),
      startOciRegistry({ htpasswd: { username: 'robot', password } }),
    ]);
    for (const archive of archives) await anonymous.push(archive, 'charts');
    await authenticated.push(archives[1]!, 'team/charts');
  }, 120_000);

  afterAll(async () => {
    await closeAll();
    await Promise.all([anonymous, authenticated].map((registry) => registry?.close()));
  });

  it.each([
    ['1.*', '1.3.0+build.7'],
    ['~1.2', '1.2.0'],
    ['>=2.0.0-0', '2.0.0-rc.1'],
    ['1.2', '1.2.0'],
  ])('resolves %j from the tag list to %s (Helm writes + as _ in tags)', async (targetRevision, expected) => {
    const cache = await newCache();
    expect(await cache.resolveVersion({ url: `${anonymous.host}/charts` }, 'demo', targetRevision)).toEqual({
      version: expected,
    });
  });

  it('follows Link headers through a paged tag list', async () => {
    // distribution v2 answers every tag at once; this fetch pages them one by one, as newer registries do.
    const requested: string[] = [];
    const paging = (async (url: string, init: RequestInit) => {
      requested.push(url);
      if (!url.includes('/tags/list')) return undiciFetch(url, init as unknown as Parameters<typeof undiciFetch>[1]);
      const all = (await (await undiciFetch(url.replace(/\?.*$/, ''))).json()) as { tags: string[] };
      const last = new URL(url).searchParams.get('last');
      const index = last === null ? 0 : all.tags.indexOf(last) + 1;
      const page = all.tags.slice(index, index + 1);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (index + 1 < all.tags.length) headers.link = `</v2/charts/demo/tags/list?n=1&last=${page[0]}>; rel="next"`;
      return new Response(JSON.stringify({ name: 'charts/demo', tags: page }), { headers });
    }) as unknown as typeof fetch;
    const cache = await newCache({ fetch: paging });
    expect(await cache.resolveVersion({ url: `${anonymous.host}/charts` }, 'demo', '>=0.0.0-0')).toEqual({
      version: '2.0.0-rc.1',
    });
    expect(requested.filter((url) => url.includes('/tags/list')).length).toBe(4);
  });

  it('resolves an exact version from its manifest, with the chart digest', async () => {
    const cache = await newCache();
    const resolved = await cache.resolveVersion({ url: `${anonymous.host}/charts` }, 'demo', '1.3.0+build.7');
    expect(resolved.version).toBe('1.3.0+build.7');
    const fetched = await cache.fetch({ url: `${anonymous.host}/charts` }, 'demo', resolved.version);
    expect(resolved.digest).toBe(fetched.digest);
  });

  it('fetches the chart layer, verified, and reuses it', async () => {
    const cache = await newCache();
    const fetched = await cache.fetch({ url: `oci://${anonymous.host}/charts` }, 'demo', '1.3.0+build.7');
    expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('version: 1.3.0+build.7');
    expect(fetched.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Same chart through the scheme-less URL: same cache entry, no request to the registry.
    const unreachable = await newCache({
      root: dirname(dirname(dirname(fetched.dir))),
      fetch: () => Promise.reject(new Error('no HTTP expected')),
    });
    expect(await unreachable.fetch({ url: `${anonymous.host}/charts/` }, 'demo', '1.3.0+build.7')).toEqual(fetched);
  });

  it('does the Bearer token dance of token registries, keeping the password away from /v2', async () => {
    const proxy = await startTokenAuthProxy({ backend: anonymous.host, username: 'robot', password });
    try {
      const url = `${proxy.host}/charts`;
      const credentials = { url, type: 'oci' as const, source: 'argocd/oci', username: 'robot', password };
      const cache = await newCache();
      expect(await cache.resolveVersion({ url, credentials }, 'demo', '~1.2')).toEqual({ version: '1.2.0' });
      const fetched = await cache.fetch({ url, credentials }, 'demo', '1.2.0');
      expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('version: 1.2.0');
      expect(proxy.tokenRequests.length).toBe(1);
      expect(proxy.tokenRequests[0]).toMatchObject({ scope: 'repository:charts/demo:pull', service: 'driftless-test' });
      expect(proxy.tokenRequests[0]?.authorization).toMatch(/^Basic /);
      expect(proxy.registryAuthorizations.some((header) => header?.startsWith('Basic '))).toBe(false);

      const wrong = await rejection(
        (await newCache()).resolveVersion({ url, credentials: { ...credentials, password: 'nope' } }, 'demo', '*'),
      );
      expect(wrong.code).toBe('AUTH_FAILED');
      expect(wrong.message).toContain('the registry token');
      expect(wrong.message).not.toContain('incorrect username');
    } finally {
      await proxy.close();
    }
  });

  it('answers NOT_FOUND and VERSION_NOT_FOUND', async () => {
    const cache = await newCache();
    const url = `${anonymous.host}/charts`;
    const noMatch = await rejection(cache.resolveVersion({ url }, 'demo', '9.*'));
    expect(noMatch.code).toBe('VERSION_NOT_FOUND');
    expect(noMatch.message).toContain('newest: 2.0.0-rc.1, 1.3.0+build.7');
    const noTag = await rejection(cache.fetch({ url }, 'demo', '9.9.9'));
    expect(noTag.code).toBe('VERSION_NOT_FOUND');
    expect(noTag.message).toContain('there is no tag 9.9.9');
    const registry = await startOciRegistry();
    try {
      const missing = await rejection(cache.resolveVersion({ url: `${registry.host}/charts` }, 'demo', '*'));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toContain(`chart "demo" from ${registry.host}/charts`);
    } finally {
      await registry.close();
    }
  });

  it('authenticates with htpasswd credentials and refuses wrong ones without echoing them', async () => {
    const url = `${authenticated.host}/team/charts`;
    const credentials = { url, type: 'oci' as const, source: 'argocd/oci', username: 'robot', password };
    const cache = await newCache();
    expect(await cache.resolveVersion({ url, credentials }, 'demo', '*')).toEqual({ version: '1.2.0' });
    const fetched = await cache.fetch({ url, credentials }, 'demo', '1.2.0');
    expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('name: demo');

    const wrong = await rejection(
      (await newCache()).fetch({ url, credentials: { ...credentials, password: `${password}x` } }, 'demo', '1.2.0'),
    );
    expect(wrong.code).toBe('AUTH_FAILED');
    expect(wrong.message).not.toContain(password);
    expect(wrong.message).toContain('refused the credentials');
    const none = await rejection((await newCache()).resolveVersion({ url }, 'demo', '*'));
    expect(none.code).toBe('AUTH_FAILED');
    expect(none.message).toContain('refused anonymous access');
  });
});
