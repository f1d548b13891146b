// BI-TAR-1, BI-TAR-2 and BI-DOS-3: hostile archives and hostile index servers.
// Every refusal leaves nothing outside the cache root and no temp folder behind.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTree } from '../../core/src/repo/charts/chart-store';
import {
  chartYaml,
  gzipBomb,
  type HelmRepoServer,
  manyFiles,
  paxPath,
  startHelmRepoServer,
  tarGz,
} from '../support/chart-servers';
import { chartCaches, rejection } from './helpers';

describe('unsafe chart archives and repositories', () => {
  let dir: string;
  let server: HelmRepoServer;
  const archives = new Map<string, Buffer>();
  const { newCache, closeAll } = chartCaches('driftless-unsafe-');

  async function publish(name: string, archive: Buffer): Promise<void> {
    archives.set(name, archive);
    await writeFile(join(dir, `${name}-1.0.0.tgz`), archive);
    const entries = [...archives.entries()]
      .map(
        ([chart, data]) =>
          `  ${chart}:\n  - version: 1.0.0\n    urls: [${chart}-1.0.0.tgz]\n    digest: ${createHash('sha256').update(data).digest('hex')}\n`,
      )
      .join('');
    await writeFile(join(dir, 'index.yaml'), `apiVersion: v1\nentries:\n${entries}`);
  }

  async function fetchInFreshCache(chart: string, options: { maxFiles?: number } = {}) {
    const parent = await mkdtemp(join(tmpdir(), 'driftless-unsafe-'));
    const root = join(parent, 'cache');
    const cache = await newCache({ root, indexCacheMs: 0, ...options });
    const result = cache.fetch({ url: server.url }, chart, '1.0.0');
    return { parent, root, result };
  }

  async function expectRefused(chart: string, code: string, pattern: RegExp, options: { maxFiles?: number } = {}) {
    const { parent, root, result } = await fetchInFreshCache(chart, options);
    const error = await rejection(result);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(`chart "${chart}" from ${server.url}`);
    expect(await readdir(parent)).toEqual(['cache']);
    expect(await readdir(root)).toEqual(['.tmp']);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
    return error;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftless-unsafe-repo-'));
    await writeFile(join(dir, 'index.yaml'), 'apiVersion: v1\nentries: {}\n');
    server = await startHelmRepoServer({ dir });
  });

  afterAll(async () => {
    await closeAll();
    await server.close();
  });

  it('refuses ../ entries (BI-TAR-1)', async () => {
    await publish(
      'dotdot',
      tarGz([
        { path: 'dotdot/Chart.yaml', data: chartYaml('dotdot', '1.0.0') },
        { path: '../../x', data: 'x' },
      ]),
    );
    await expectRefused('dotdot', 'UNSAFE_ARCHIVE', /"\.\.\/\.\.\/x" has a "\.\." path segment/);
  });

  it('refuses a ../ path given in a pax header behind an innocent name (BI-TAR-1)', async () => {
    await publish(
      'pax',
      tarGz([
        { path: 'pax/Chart.yaml', data: chartYaml('pax', '1.0.0') },
        paxPath('pax/../../../escaped'),
        { path: 'pax/innocent', data: 'x' },
      ]),
    );
    await expectRefused('pax', 'UNSAFE_ARCHIVE', /"pax\/\.\.\/\.\.\/\.\.\/escaped" has a "\.\." path segment/);
  });

  it('refuses an entry twice, and a path that is both file and folder', async () => {
    const chart = { path: 'twice/Chart.yaml', data: chartYaml('twice', '1.0.0') };
    await publish(
      'twice',
      tarGz([chart, { path: 'twice/values.yaml', data: 'a' }, { path: 'twice/values.yaml', data: 'b' }]),
    );
    await expectRefused('twice', 'UNSAFE_ARCHIVE', /holds "twice\/values\.yaml" twice/);
    await publish(
      'clash',
      tarGz([
        { ...chart, path: 'clash/Chart.yaml' },
        { path: 'clash/x', data: 'a' },
        { path: 'clash/x/y', data: 'b' },
      ]),
    );
    await expectRefused('clash', 'UNSAFE_ARCHIVE', /both as a file and as a folder/);
  });

  it('refuses absolute entries (BI-TAR-1)', async () => {
    await publish('absolute', tarGz([{ path: '/etc/x', data: 'x' }]));
    await expectRefused('absolute', 'UNSAFE_ARCHIVE', /"\/etc\/x" has an absolute path/);
  });

  it('refuses a symlink and the file written through it, and hard links and devices (BI-TAR-1)', async () => {
    await publish(
      'symlink',
      tarGz([
        { path: 'symlink/Chart.yaml', data: chartYaml('symlink', '1.0.0') },
        { path: 'symlink/escape', type: '2', linkTarget: '/tmp' },
        { path: 'symlink/escape/pwned', data: 'x' },
      ]),
    );
    await expectRefused('symlink', 'UNSAFE_ARCHIVE', /"symlink\/escape" is a symbolic link/);
    await publish('hardlink', tarGz([{ path: 'hardlink/x', type: '1', linkTarget: '/etc/passwd' }]));
    await expectRefused('hardlink', 'UNSAFE_ARCHIVE', /is a hard link/);
    await publish('device', tarGz([{ path: 'device/null', type: '3' }]));
    await expectRefused('device', 'UNSAFE_ARCHIVE', /is a character device/);
  });

  it('stops a gzip bomb at the extracted-size cap (BI-TAR-2)', async () => {
    await publish('bomb', await gzipBomb(256 * 1024 * 1024));
    expect(archives.get('bomb')!.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    await expectRefused('bomb', 'TOO_LARGE', /larger than 209715200 bytes|more than 209715200 bytes/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('stops 10⁶ tiny files at the file-count cap, quickly (BI-TAR-2)', async () => {
    await publish('many', await manyFiles(1_000_000));
    const started = Date.now();
    await expectRefused('many', 'TOO_LARGE', /more than 10000 entries/);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);

  it('resets modes: a file with mode 000 and a read-only folder unpack readable, and the cache can be removed (BI-TAR-2)', async () => {
    await publish(
      'modes',
      tarGz([
        { path: 'weird-top/', type: '5', mode: 0o555 },
        { path: 'weird-top/Chart.yaml', data: chartYaml('modes', '1.0.0'), mode: 0o000 },
        { path: 'weird-top/templates/', type: '5', mode: 0o500 },
        { path: 'weird-top/templates/cm.yaml', data: 'kind: ConfigMap\n', mode: 0o4777 },
      ]),
    );
    const { root, result } = await fetchInFreshCache('modes');
    const fetched = await result;
    // A top folder not named like the chart still works.
    expect(fetched.dir.endsWith('weird-top')).toBe(true);
    expect(await readFile(join(fetched.dir, 'Chart.yaml'), 'utf8')).toContain('name: modes');
    expect((await stat(join(fetched.dir, 'templates', 'cm.yaml'))).mode & 0o7777).toBe(0o444);
    expect((await stat(join(fetched.dir, 'templates'))).mode & 0o7777).toBe(0o555);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
    await removeTree(root);
    expect(existsSync(root)).toBe(false);
  });

  it('refuses an archive without Chart.yaml, and garbage that is not gzip', async () => {
    await publish('nochart', tarGz([{ path: 'nochart/values.yaml', data: 'a: 1\n' }]));
    await expectRefused('nochart', 'FAILED', /no Chart\.yaml/);
    await publish('garbage', Buffer.from('this is not a gzip file'));
    await expectRefused('garbage', 'UNSAFE_ARCHIVE', /not a valid gzip file/);
  });

  it('cuts an endless index.yaml at the size cap (BI-DOS-3)', async () => {
    const endless = await startHelmRepoServer({ dir, misbehave: 'endless' });
    try {
      const cache = await newCache({ maxIndexBytes: 4 * 1024 * 1024 });
      const error = await rejection(cache.resolveVersion({ url: endless.url }, 'demo', '*'));
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toMatch(/index\.yaml is larger than 4194304 bytes/);
    } finally {
      await endless.close();
    }
  });

  it('gives up on a trickling index.yaml at the deadline (BI-DOS-3)', async () => {
    const trickle = await startHelmRepoServer({ dir, misbehave: 'trickle' });
    try {
      const cache = await newCache({ timeoutMs: 1_500 });
      const started = Date.now();
      const error = await rejection(cache.resolveVersion({ url: trickle.url }, 'demo', '*'));
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toMatch(/index\.yaml: no complete answer within 2 s/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await trickle.close();
    }
  });
});
