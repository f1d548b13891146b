// builtin.notifier-github in the real sandbox against a loopback stand-in speaking GitHub's REST
// shapes: status, deployment then its status, pull requests of the commit then a comment on each.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PluginTestHarness, type NotifierInput, type TestPlugin } from '@driftless/plugin-sdk';

describe('builtin.notifier-github in the sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'notifier'>;
  let server: Server;
  let base = '';
  const calls: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls.push(`${request.method} ${request.url} ${body}`);
        if (request.headers.authorization !== 'Bearer ghp-test') return void response.writeHead(401).end('{}');
        const answer = request.url?.endsWith('/deployments')
          ? { id: 42 }
          : request.url?.endsWith('/pulls')
            ? [{ number: 7 }, { number: 9 }]
            : {};
        response
          .writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer));
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

  const input = (token: string): NotifierInput => ({
    service: 'github',
    config: { token, enterpriseBaseURL: `${base}/api/v3` },
    destination: '',
    notification: {
      title: '',
      body: '',
      fields: {
        github: {
          repoURLPath: 'https://github.com/org/shop.git',
          revisionPath: 'abc',
          status: { state: 'success', label: 'argocd' },
          deployment: { state: 'success', environment: 'prod' },
          pullRequestComment: { content: 'deployed' },
        },
      },
    },
  });

  it('makes the calls in order, following the answers', async () => {
    const { output } = await plugin.call('deliver', input('ghp-test'));
    expect(output).toEqual({ delivered: true });
    expect(calls.map((call) => call.split(' ').slice(0, 2).join(' '))).toEqual([
      'POST /api/v3/repos/org/shop/statuses/abc',
      'POST /api/v3/repos/org/shop/deployments',
      'POST /api/v3/repos/org/shop/deployments/42/statuses',
      'GET /api/v3/repos/org/shop/commits/abc/pulls',
      'POST /api/v3/repos/org/shop/issues/7/comments',
      'POST /api/v3/repos/org/shop/issues/9/comments',
    ]);
  });

  it('stops at a 401, not retryable', async () => {
    const { output } = await plugin.call('deliver', input('wrong'));
    expect(output).toMatchObject({ delivered: false, status: 401, retryable: false });
  });
});
