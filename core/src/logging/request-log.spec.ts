import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { redactedPaths } from './redaction';
import { requestLogFields, responseLogFields } from './request-log';

describe('request log lines', () => {
  it('keep method, path, status and address; never headers or the query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const middleware = pinoHttp(
      { redact: redactedPaths, serializers: { req: requestLogFields, res: responseLogFields } },
      stream,
    );
    const request = {
      method: 'GET',
      url: '/auth/callback?code=s3cret-code&state=st4te',
      headers: { authorization: 'Bearer t0k', cookie: 'argocd.token=c00kie', 'user-agent': 'curl' },
      socket: { remoteAddress: '127.0.0.1', remotePort: 5000 },
    } as unknown as IncomingMessage;
    const listeners: Record<string, () => void> = {};
    const response = {
      statusCode: 303,
      headersSent: true,
      getHeaders: () => ({ 'set-cookie': 'argocd.token=n3w' }),
      on: (event: string, listener: () => void) => (listeners[event] = listener),
      removeListener: () => undefined,
    } as unknown as ServerResponse;
    middleware(request, response, () => undefined);
    listeners['finish']?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, Record<string, unknown>>;
    expect(line['req']).toEqual({ id: 1, method: 'GET', path: '/auth/callback', remoteAddress: '127.0.0.1' });
    expect(line['res']).toEqual({ statusCode: 303 });
    expect(lines[0]).not.toMatch(/s3cret-code|st4te|t0k|c00kie|n3w|curl/);
  });
});
