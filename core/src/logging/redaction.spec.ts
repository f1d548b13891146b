import { redactUrlCredentials } from './redaction';

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
