import pino from 'pino';
import { redactedPaths, redactUrlCredentials } from './redaction';

describe('redactUrlCredentials', () => {
  it('hides user and password in URLs', () => {
    expect(redactUrlCredentials('cannot reach redis://:s3cret@cache:6379 now')).toBe(
      'cannot reach redis://***@cache:6379 now',
    );
    expect(redactUrlCredentials('git https://bob:tok@github.com/x.git')).toBe('git https://***@github.com/x.git');
  });

  it('leaves URLs without credentials alone', () => {
    expect(redactUrlCredentials('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('redactedPaths', () => {
  it('hide credentials in logged request headers', () => {
    const lines: string[] = [];
    const logger = pino({ redact: redactedPaths }, { write: (line: string) => lines.push(line) });
    logger.info({
      req: {
        headers: { authorization: 'Bearer t0k', 'x-gitlab-token': 'gl-s3cret', 'x-hook-uuid': 'bb-uuid', host: 'h' },
      },
    });
    expect(lines.join('')).not.toMatch(/t0k|gl-s3cret|bb-uuid/);
    expect(JSON.parse(lines[0] ?? '{}').req.headers.host).toBe('h');
  });
});
