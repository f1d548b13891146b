// builtin.notifier-github in the real sandbox against a loopback stand-in speaking GitHub's REST
// shapes: status, deployment then its status, pull requests of the commit then a comment on each.
import { createVerify, generateKeyPairSync } from 'node:crypto';
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
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let tokensIssued = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls.push(`${request.method} ${request.url} ${body}`);
        if (request.url === '/api/v3/app/installations/678/access_tokens') {
          // A GitHub App's JWT: RS256 over header.claims, issued by app 12345.
          const [header = '', claims = '', signature = ''] = (request.headers.authorization ?? '').slice(7).split('.');
          const valid = createVerify('RSA-SHA256')
            .update(`${header}.${claims}`)
            .verify(app.publicKey.export({ type: 'spki', format: 'pem' }), Buffer.from(signature, 'base64url'));
          const issuer = (JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss?: string }).iss;
          if (!valid || issuer !== '12345') return void response.writeHead(401).end('{}');
          tokensIssued += 1;
          return void response
            .writeHead(201, { 'content-type': 'application/json' })
            .end(JSON.stringify({ token: 'ghs-app', expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
        }
        if (!['Bearer ghp-test', 'Bearer ghs-app'].includes(request.headers.authorization ?? ''))
          return void response.writeHead(401).end('{}');
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
      grants: { http: { hosts: [`127.0.0.1:${port}`], networks: ['loopback'] }, crypto: true },
    });
  });
  afterAll(async () => {
    await harness?.sandbox.stop();
    server?.close();
  });

  const input = (token: string, credentials: Record<string, unknown> = { token }): NotifierInput => ({
    service: 'github',
    config: { ...credentials, enterpriseBaseURL: `${base}/api/v3` },
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

  it("authenticates as a GitHub App (Argo CD's appID, installationID, privateKey), reusing the installation token", async () => {
    calls.length = 0;
    const credentials = {
      appID: 12345,
      installationID: '678',
      privateKey: app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    };
    for (let round = 0; round < 2; round += 1) {
      const { output } = await plugin.call('deliver', input('', credentials));
      expect(output).toEqual({ delivered: true });
    }
    expect(tokensIssued).toBe(1);
    expect(calls.filter((call) => call.includes('/access_tokens'))).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('POST /api/v3/repos/org/shop/statuses/abc'))).toHaveLength(2);
  });

  it('refuses incomplete app credentials without calling GitHub', async () => {
    calls.length = 0;
    const { output } = await plugin.call('deliver', input('', { appID: 12345 }));
    expect(output).toEqual({
      delivered: false,
      retryable: false,
      detail: 'GitHub App credentials need installationID, privateKey',
    });
    expect(calls).toEqual([]);
  });
});
