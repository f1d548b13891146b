// builtin.notifier-webhook in the real sandbox against a loopback receiver: delivered with the
// loopback grant; a 500 is retryable, a 401 is not; an ungranted host is refused before connecting.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PluginTestHarness, type NotifierInput, type TestPlugin } from '@driftless/plugin-sdk';

describe('builtin.notifier-webhook in the sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'notifier'>;
  let server: Server;
  let base = '';
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''} ${body}`);
        const status = Number(/\/status\/(\d+)/.exec(request.url ?? '')?.[1] ?? 200);
        response.writeHead(status).end('answer');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    harness = await PluginTestHarness.start();
    plugin = await harness.load<'notifier'>({
      packageDir: join(__dirname, '..'),
      entry: 'src/plugin.ts',
      grants: { http: { hosts: [`127.0.0.1:${port}`], networks: ['loopback'] } },
    });
  });
  afterAll(async () => {
    await harness?.sandbox.stop();
    server?.close();
  });

  const input = (url: string, path = '/hook'): NotifierInput => ({
    service: 'hook',
    config: { url, basicAuth: { username: 'u', password: 'p' } },
    destination: '',
    notification: { title: '', body: '', fields: { webhook: { hook: { method: 'POST', path, body: '{"a":1}' } } } },
  });

  it('delivers to a granted host', async () => {
    const { output } = await plugin.call('deliver', input(base));
    expect(output).toEqual({ delivered: true, status: 200 });
    expect(bodies).toContain('POST /hook Basic dTpw {"a":1}');
  });

  it('reports a 500 as retryable and a 401 as not', async () => {
    expect((await plugin.call('deliver', input(base, '/status/500'))).output).toMatchObject({
      delivered: false,
      status: 500,
      retryable: true,
    });
    expect((await plugin.call('deliver', input(base, '/status/401'))).output).toMatchObject({
      delivered: false,
      status: 401,
      retryable: false,
    });
  });

  it('cannot reach a host it was not granted', async () => {
    await expect(plugin.call('deliver', input('http://127.0.0.1:6379'))).rejects.toMatchObject({
      code: 'PLUGIN_CAPABILITY_DENIED',
    });
  });
});
