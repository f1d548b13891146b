// driftless-plugin, as a plugin author uses it: new → test → build → pack,
// for every extension point, with the real sandbox.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionPointNames, loadPluginForTest } from '@driftless/plugin-sdk';
import { main } from '../../plugin-sdk/src/cli/main';

jest.setTimeout(60_000);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('driftless-plugin', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'driftless-sdk-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it.each(extensionPointNames)('new %s scaffolds a package whose test passes', async (kind) => {
    const name = `my-${kind.toLowerCase()}`;
    const created = await run('new', kind, name, '--dir', workDir);
    expect(created).toMatchObject({ code: 0, err: '' });
    const tested = await run('test', join(workDir, name));
    expect(tested.err).toBe('');
    expect(tested.out).toMatch(/^1 passed, 0 failed$/m);
    expect(tested.code).toBe(0);
  });

  it('build writes the bundle the manifest names; pack makes a tarball with its sha512 integrity', async () => {
    const dir = join(workDir, 'my-notifier');
    const built = await run('build', dir);
    expect(built.code).toBe(0);
    const bundle = await readFile(join(dir, 'dist/plugin.js'), 'utf8');
    expect(bundle).toContain('__driftlessPlugin');
    expect(bundle).not.toMatch(/require\(|node:/);

    const packed = await run('pack', dir, '--out', workDir);
    expect(packed.code).toBe(0);
    const [file, integrityLine] = packed.out.trim().split('\n').slice(-2);
    expect(existsSync(file!)).toBe(true);
    const digest = `sha512-${createHash('sha512')
      .update(await readFile(file!))
      .digest('base64')}`;
    expect(integrityLine).toBe(`integrity ${digest}`);
  });

  it('loads the scaffolded package with loadPluginForTest, as the README shows', async () => {
    const plugin = await loadPluginForTest<'notifier'>({
      packageDir: join(workDir, 'my-notifier'),
      entry: 'src/index.ts',
      grants: {},
    });
    try {
      const input = {
        service: 'x',
        config: { url: 'https://hooks.example.com/' },
        destination: 'ops',
        notification: { title: 't', body: 'b' },
      };
      await expect(plugin.call('deliver', input)).rejects.toMatchObject({ code: 'PLUGIN_CAPABILITY_DENIED' });
      expect(plugin.coldStartMs).toBeLessThan(1_000);
    } finally {
      await plugin.stop();
    }
  });

  it('fails a case that does not hold, with exit code 1 and the difference', async () => {
    const dir = join(workDir, 'my-health');
    await writeFile(
      join(dir, 'test/cases/wrong.json'),
      JSON.stringify({
        method: 'assess',
        input: { objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }] },
        expect: { output: { results: [{ status: 'Healthy' }] } },
      }),
    );
    const tested = await run('test', dir);
    expect(tested.code).toBe(1);
    expect(tested.out).toContain('FAIL wrong');
    expect(tested.out).toContain('"status":"Progressing"');
    expect(tested.err).toBe('driftless-plugin: 1 test case(s) failed\n');
  });

  it('refuses an unknown kind and an existing directory as usage errors', async () => {
    expect(await run('new', 'database', 'x', '--dir', workDir)).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown plugin kind "database"'),
    });
    expect(await run('new', 'health', 'my-health', '--dir', workDir)).toMatchObject({
      code: 2,
      err: expect.stringContaining('exists already'),
    });
  });

  it('reports an invalid manifest with its named error', async () => {
    const dir = join(workDir, 'my-generator');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    pkg.driftless.contract = '^9.0.0';
    await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
    expect(await run('build', dir)).toMatchObject({
      code: 1,
      err: expect.stringContaining('PLUGIN_CONTRACT_MISMATCH'),
    });
  });
});
