import { describeNetworkError } from './dependency-errors';

describe('describeNetworkError', () => {
  it('adds the cause of a fetch failure', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    expect(describeNetworkError(error)).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('prefixes a system error code the message lacks', () => {
    expect(describeNetworkError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'ECONNRESET socket hang up',
    );
  });

  it('accepts error-like objects from another realm and non-errors', () => {
    expect(describeNetworkError({ message: 'boom\nstack' })).toBe('boom');
    expect(describeNetworkError('plain')).toBe('plain');
  });

  it('removes credentials from URLs', () => {
    expect(describeNetworkError(new Error('cannot GET https://user:pw@example.test/x'))).toBe(
      'cannot GET https://***@example.test/x',
    );
  });
});
