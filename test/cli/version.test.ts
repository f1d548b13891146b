import { load } from 'js-yaml';
import { buildInfo } from '../../core/src/version';
import { closedPort } from '../support/ports';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

describe('driftless version', () => {
  const fixture = useKernelFixture();

  it('prints client and server versions as a table', async () => {
    const { code, stdout } = await runCliInProcess(['version', '--server', fixture.kernel.url]);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(/^COMPONENT\s+VERSION$/),
      expect.stringMatching(new RegExp(`^driftless\\s+${buildInfo.version}$`)),
      expect.stringMatching(new RegExp(`^driftless-server\\s+${buildInfo.version}$`)),
      '',
    ]);
  });

  it('prints JSON and YAML with -o', async () => {
    const json = await runCliInProcess(['version', '--server', fixture.kernel.url, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual({ client: buildInfo, server: buildInfo });
    const yaml = await runCliInProcess(['version', '--server', fixture.kernel.url, '-o', 'yaml']);
    expect(load(yaml.stdout)).toEqual({ client: buildInfo, server: buildInfo });
  });

  it('prints only the client with --client, without a server', async () => {
    const { code, stdout } = await runCliInProcess([
      'version',
      '--client',
      '--server',
      'http://127.0.0.1:9',
      '-o',
      'name',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('driftless\n');
  });

  it('exits 3 with one line when the server does not answer', async () => {
    const port = await closedPort();
    const { code, stderr } = await runCliInProcess(['version', '--server', `http://127.0.0.1:${port}`]);
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^driftless: cannot reach the Driftless server at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.* — start it \(driftless start\) or pass --server\n$/,
    );
  });

  it('rejects an unknown output format, listing the choices', async () => {
    const { code, stderr } = await runCliInProcess(['version', '-o', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'xml' is invalid. Allowed choices are table, wide, json, yaml, name.");
  });
});
