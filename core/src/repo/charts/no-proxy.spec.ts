import { bypassesProxy } from './no-proxy';

describe('bypassesProxy (NO_PROXY)', () => {
  it.each([
    ['charts.example.com', 'example.com', true],
    ['charts.example.com', '.example.com', true],
    ['example.com', '.example.com', true],
    ['charts.example.com:8443', 'charts.example.com', true],
    ['charts.example.com:8443', 'charts.example.com:8443', true],
    ['charts.example.com:443', 'charts.example.com:8443', false],
    ['notexample.com', 'example.com', false],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['127.0.0.1:5000', 'localhost, 127.0.0.1', true],
    ['[::1]:5000', '::1', true],
    ['anything', '*', true],
    ['anything', '', false],
    ['Charts.Example.COM', 'example.com', true],
  ])('%s with %j: %s', (host, noProxy, expected) => {
    expect(bypassesProxy(host, noProxy)).toBe(expected);
  });

  it('never bypasses without a list', () => {
    expect(bypassesProxy('x', undefined)).toBe(false);
  });
});
