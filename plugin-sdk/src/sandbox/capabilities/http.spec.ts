// host.http.fetch: refusals happen before any connection is attempted (a spy
// on socket connects proves it); allowed loopback calls work and each
// redirect hop is re-checked. Only loopback traffic is sent.
import { createServer, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { PluginError } from '../../errors';
import { httpFetch } from './http';

describe('httpFetch', () => {
  let server: Server;
  let host: string;
  let connect: jest.SpyInstance;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/redirect') response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      else response.writeHead(200, { 'x-seen-host': request.headers.host ?? '' }).end(`hello ${request.method ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    connect = jest.spyOn(Socket.prototype, 'connect');
  });

  afterEach(() => connect.mockRestore());

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function refusal(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (error) {
      if (error instanceof PluginError) return `${error.code}: ${error.reason}`;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it.each([
    [
      'cloud metadata, host listed but link-local not granted',
      'http://169.254.169.254/latest/meta-data/',
      { hosts: ['169.254.169.254'] },
      'linkLocal address 169.254.169.254',
    ],
    [
      'the same through IPv4-mapped IPv6',
      'http://[::ffff:169.254.169.254]/',
      { hosts: ['[::ffff:a9fe:a9fe]'] },
      'linkLocal address 169.254.169.254',
    ],
    [
      'a private address even with loopback granted',
      'http://10.1.2.3/',
      { hosts: ['10.1.2.3'], networks: ['loopback' as const] },
      'private address 10.1.2.3',
    ],
    ['a name that resolves to loopback', 'http://localhost:6379/', { hosts: ['localhost'] }, 'loopback address'],
    [
      'redis on loopback with only another port granted',
      'http://127.0.0.1:6379/',
      { hosts: ['127.0.0.1:1'], networks: ['loopback' as const] },
      '127.0.0.1:6379 is not granted',
    ],
    ['a host not listed', 'https://evil.example/', { hosts: ['hooks.example.com'] }, 'evil.example is not granted'],
    ['a non-http scheme', 'file:///etc/passwd', { hosts: ['localhost'] }, 'file: URLs are not allowed'],
    [
      'credentials in the URL',
      'https://user:pw@hooks.example.com/',
      { hosts: ['hooks.example.com'] },
      'credentials in URLs',
    ],
  ])('refuses %s without connecting', async (_name, url, grant, reason) => {
    expect(await refusal(httpFetch({ url }, grant))).toMatch(
      new RegExp(`^PLUGIN_CAPABILITY_DENIED: .*${reason.replace(/[.[\]]/g, '\\$&')}`),
    );
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses everything when http is not granted', async () => {
    expect(await refusal(httpFetch({ url: `http://${host}/` }, undefined))).toBe(
      'PLUGIN_CAPABILITY_DENIED: http is not granted to this plugin',
    );
    expect(connect).not.toHaveBeenCalled();
  });

  it('calls a granted loopback host, without letting the plugin set Host', async () => {
    const response = await httpFetch(
      { url: `http://${host}/x`, method: 'POST', body: 'hi', headers: { host: 'internal.example' } },
      { hosts: [host], networks: ['loopback'] },
    );
    expect(response).toMatchObject({ status: 200, body: 'hello POST', url: `http://${host}/x` });
    expect(response.headers['x-seen-host']).toBe(host);
  });

  it('re-checks every redirect hop before following it', async () => {
    const grant = { hosts: [host], networks: ['loopback' as const] };
    const followed = await httpFetch({ url: `http://${host}/redirect?to=/final` }, grant);
    expect(followed).toMatchObject({ status: 200, url: `http://${host}/final` });
    const connectsBefore = connect.mock.calls.length;
    expect(
      await refusal(
        httpFetch(
          { url: `http://${host}/redirect?to=http://169.254.169.254/` },
          { ...grant, hosts: [host, '169.254.169.254'] },
        ),
      ),
    ).toContain('linkLocal address 169.254.169.254');
    // One connection: to the loopback server that answered with the redirect.
    expect(connect.mock.calls.length - connectsBefore).toBe(1);
  });

  it('caps the response size', async () => {
    expect(
      await refusal(
        httpFetch(
          { url: `http://${host}/` },
          { hosts: [host], networks: ['loopback'] },
          { maxResponseBytes: 3, maxRedirects: 5, timeoutMs: 5_000 },
        ),
      ),
    ).toBe('PLUGIN_LIMIT_EXCEEDED: http response is larger than 3 bytes');
  });
});
