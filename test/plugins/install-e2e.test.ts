// End to end, as a plugin author and an admin would do it: a notifier made
// with `driftless-plugin new`, packed, published with the real npm client to a
// loopback registry, installed with `driftless plugin install` (refused until
// http to the loopback receiver is granted), invoked — by the CLI and by the
// kernel's PluginHost — with its delivery observed; then upgraded and rolled
// back. Tampered and unsafe packages fail with named errors.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';
import { runCliInProcess } from '../support/run-cli';
import { startLoopbackReceiver, type LoopbackReceiver } from './support/loopback-receiver';
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry';
import {
  notifierPackageName,
  notifierPluginId,
  publishNotifier,
  scaffoldNotifier,
  waitFor,
} from './support/notifier-package';

jest.setTimeout(120_000);

const packageName = notifierPackageName;
const pluginId = notifierPluginId;

describe('plugin install, end to end', () => {
  let workDir: string;
  let storeDir: string;
  let pluginDir: string;
  let registry: LoopbackRegistry;
  let receiver: LoopbackReceiver;

  const publish = (version: string, marker: string): Promise<string> =>
    publishNotifier(pluginDir, workDir, registry, receiver.host, version, marker);

  function cli(...argv: string[]) {
    return runCliInProcess(['plugin', ...argv, '--store', storeDir]);
  }

  const deliverInput = JSON.stringify({
    service: 'e2e-webhook',
    config: { url: '' },
    destination: 'ops',
    notification: { title: 'Sync succeeded', body: 'guestbook is Synced' },
  });
  const invoke = () =>
    cli('invoke', pluginId, 'deliver', '--input', deliverInput.replace('"url":""', `"url":"${receiver.url}/hook"`));

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'driftless-e2e-'));
    storeDir = join(workDir, 'store');
    registry = await startLoopbackRegistry();
    receiver = await startLoopbackReceiver();
    pluginDir = await scaffoldNotifier(workDir);
    await publish('0.1.0', 'v1');
  });

  afterAll(async () => {
    await registry?.close();
    await receiver?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('shows what the plugin requests and refuses to install it without a grant (PLUGIN_GRANT_REQUIRED)', async () => {
    const inspected = await cli('inspect', packageName, '--registry', registry.url);
    expect(inspected.stdout).toContain(`${pluginId}@0.1.0 (notifier)`);
    expect(inspected.stdout).toContain(`requests: http ${receiver.host}, http network loopback`);
    const refused = await cli('install', packageName, '--registry', registry.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^driftless: PLUGIN_GRANT_REQUIRED: plugin local\.e2e-webhook@0\.1\.0: requests http 127\.0\.0\.1:\d+, http network loopback/,
    );
  });

  it('installs from the registry with an explicit grant, pinned to its integrity', async () => {
    const installed = await cli(
      'install',
      packageName,
      '--registry',
      registry.url,
      '--grant',
      `http=${receiver.host}`,
      '--grant',
      'network=loopback',
      '-o',
      'json',
    );
    expect(installed.stderr).toBe('');
    const [record] = JSON.parse(installed.stdout);
    expect(record).toMatchObject({
      id: pluginId,
      active: '0.1.0',
      enabled: true,
      grants: { http: { hosts: [receiver.host], networks: ['loopback'] } },
    });
    expect(record.versions['0.1.0'].integrity).toMatch(/^sha512-/);
    const listed = await cli('list');
    expect(listed.stdout).toMatch(/^ID\s+VERSION\s+STATE\s+PREVIOUS\nlocal\.e2e-webhook\s+0\.1\.0\s+enabled\n$/);
  });

  it('delivers through the CLI: the loopback receiver gets the notification', async () => {
    const before = receiver.received.length;
    const invoked = await invoke();
    expect(invoked.stderr).toBe('');
    expect(JSON.parse(invoked.stdout).output).toEqual({ delivered: true, detail: 'HTTP 200' });
    const delivery = receiver.received[before];
    expect(delivery).toMatchObject({ method: 'POST', url: '/hook' });
    expect(JSON.parse(delivery?.body ?? '{}')).toEqual({
      title: 'Sync succeeded',
      body: 'guestbook is Synced',
      destination: 'ops',
      marker: 'v1',
    });
  });

  it('delivers through the kernel: PluginHost loads the store and fans the notification out', async () => {
    const metrics = new MetricsService();
    const host = new PluginHost({ storeDir, runners: 1 }, new PluginMetrics(metrics));
    try {
      await host.onModuleInit();
      expect(host.list()).toMatchObject([{ id: pluginId, version: '0.1.0', state: 'active', origin: 'installed' }]);
      const before = receiver.received.length;
      const results = await host.deliverNotification(
        JSON.parse(deliverInput.replace('"url":""', `"url":"${receiver.url}/hook"`)),
      );
      expect(results).toEqual([{ plugin: `${pluginId}@0.1.0`, output: { delivered: true, detail: 'HTTP 200' } }]);
      expect(receiver.received).toHaveLength(before + 1);
      const exposition = await metrics.registry.metrics();
      expect(exposition).toMatch(
        /driftless_plugin_calls_total\{plugin="local\.e2e-webhook",extension_point="notifier",method="deliver"\} 1/,
      );
    } finally {
      await host.stop();
    }
  });

  it('upgrades to a new version and rolls back to the previous one', async () => {
    await publish('0.2.0', 'v2');
    const upgraded = await cli('upgrade', pluginId, `${packageName}@0.2.0`, '--registry', registry.url, '-o', 'json');
    expect(upgraded.stderr).toBe('');
    expect(JSON.parse(upgraded.stdout)[0]).toMatchObject({ active: '0.2.0', previous: '0.1.0' });
    await invoke();
    expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}').marker).toBe('v2');

    const rolledBack = await cli('rollback', pluginId, '-o', 'json');
    expect(JSON.parse(rolledBack.stdout)[0]).toMatchObject({ active: '0.1.0', previous: '0.2.0' });
    await invoke();
    expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}').marker).toBe('v1');
  });

  it('disables, enables and uninstalls', async () => {
    await cli('disable', pluginId);
    const disabled = await invoke();
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain('PLUGIN_DISABLED');
    await cli('enable', pluginId);
    expect((await invoke()).code).toBe(0);
    await cli('uninstall', pluginId);
    expect((await cli('list', '-o', 'json')).stdout).toBe('[]\n');
  });

  it('installs from a URL, pinned with --integrity; plain http is refused unless it is loopback', async () => {
    const url = `${registry.url}/${packageName}/-/${packageName}-0.2.0.tgz`;
    const inspected = await cli('inspect', url, '-o', 'json');
    const { integrity } = JSON.parse(inspected.stdout) as { integrity: string };
    const installed = await cli('install', url, '--integrity', integrity, '--grant-all', '-o', 'json');
    expect(installed.stderr).toBe('');
    expect(JSON.parse(installed.stdout)[0]).toMatchObject({
      id: pluginId,
      active: '0.2.0',
      versions: { '0.2.0': { integrity, resolved: url } },
    });
    await cli('uninstall', pluginId);
    const refused = await cli('install', 'http://plugins.example.com/x.tgz', '--grant-all');
    expect(refused.stderr).toBe(
      'driftless: PLUGIN_CAPABILITY_DENIED: plugins are fetched over https only, not http://plugins.example.com/x.tgz\n',
    );
  });

  it('refuses a registry tarball that does not match its published integrity (PLUGIN_INTEGRITY_MISMATCH)', async () => {
    await publish('0.3.0', 'v3');
    registry.tamper(packageName, '0.3.0');
    const refused = await cli('install', `${packageName}@0.3.0`, '--registry', registry.url, '--grant-all');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^driftless: PLUGIN_INTEGRITY_MISMATCH: .* hashes to sha512-.*, not the pinned sha512-/,
    );
  });

  it('refuses a tarball file whose hash is not the pinned one (PLUGIN_INTEGRITY_MISMATCH)', async () => {
    const tarball = join(workDir, `${packageName}-0.2.0.tgz`);
    const refused = await cli(
      'install',
      tarball,
      '--grant-all',
      '--integrity',
      `sha512-${Buffer.alloc(64).toString('base64')}`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PLUGIN_INTEGRITY_MISMATCH');
  });

  it('refuses a tarball with ../ entries (PLUGIN_UNSAFE_ARCHIVE)', async () => {
    const header = Buffer.alloc(512);
    header.write('package/../../../tmp/driftless-escape', 0);
    header.write('0000644\0', 100);
    header.write('00000000001\0', 124);
    header.write('0', 156);
    const evil = join(workDir, 'evil.tgz');
    await writeFile(evil, gzipSync(Buffer.concat([header, Buffer.alloc(512, 'x'), Buffer.alloc(1024)])));
    const refused = await cli('install', evil, '--grant-all');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'PLUGIN_UNSAFE_ARCHIVE: the archive entry "package/../../../tmp/driftless-escape" has a ../ path segment',
    );
  });
});

describe('a running plugin host follows the plugin store', () => {
  let workDir: string;
  let storeDir: string;
  let registry: LoopbackRegistry;
  let receiver: LoopbackReceiver;
  let host: PluginHost;

  const notification = () => ({
    service: 'e2e-webhook',
    config: { url: `${receiver.url}/hook` },
    destination: 'ops',
    notification: { title: 't', body: 'b' },
  });

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'driftless-follow-'));
    storeDir = join(workDir, 'store');
    registry = await startLoopbackRegistry();
    receiver = await startLoopbackReceiver();
    const pluginDir = await scaffoldNotifier(workDir);
    await publishNotifier(pluginDir, workDir, registry, receiver.host, '1.0.0', 'one');
    await publishNotifier(pluginDir, workDir, registry, receiver.host, '2.0.0', 'two');
    host = new PluginHost({ storeDir, runners: 1 }, new PluginMetrics(new MetricsService()));
    await host.onModuleInit();
  });

  afterAll(async () => {
    await host?.stop();
    await registry?.close();
    await receiver?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('loads what the CLI installs, upgrades and rolls back, and drops what it disables and uninstalls', async () => {
    const cli = async (...argv: string[]): Promise<void> => {
      const fetches = argv[0] === 'install' || argv[0] === 'upgrade';
      const result = await runCliInProcess([
        'plugin',
        ...argv,
        '--store',
        storeDir,
        ...(fetches ? ['--registry', registry.url] : []),
      ]);
      expect(result.stderr).toBe('');
    };
    const marker = async (): Promise<unknown> => {
      const [result] = await host.deliverNotification(notification());
      expect(result?.output).toEqual({ delivered: true, detail: 'HTTP 200' });
      return JSON.parse(receiver.received.at(-1)?.body ?? '{}').marker;
    };
    expect(host.list()).toEqual([]);

    await cli('install', `${packageName}@1.0.0`, '--grant-all');
    await waitFor(() => host.get(pluginId)?.version === '1.0.0', 'the install to load');
    expect(await marker()).toBe('one');

    await cli('upgrade', pluginId, `${packageName}@2.0.0`);
    await waitFor(() => host.get(pluginId)?.version === '2.0.0', 'the upgrade to load');
    expect(await marker()).toBe('two');

    await cli('rollback', pluginId);
    await waitFor(() => host.get(pluginId)?.version === '1.0.0', 'the rollback to load');
    expect(await marker()).toBe('one');

    await cli('disable', pluginId);
    await waitFor(() => host.get(pluginId)?.state === 'disabled', 'the plugin to be disabled');
    await expect(host.deliverNotification(notification())).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });

    await cli('uninstall', pluginId);
    await waitFor(() => host.get(pluginId) === undefined, 'the plugin to be dropped');
  });
});
