import { hostAllowed } from './host-pattern';

describe('hostAllowed', () => {
  const granted = ['hooks.example.com', '*.slack.com', '127.0.0.1:8080', '[::1]:9090'];

  it.each([
    ['hooks.example.com', 443, true],
    ['HOOKS.example.com.', 80, true],
    ['api.slack.com', 443, true],
    ['slack.com', 443, false],
    ['evil-slack.com', 443, false],
    ['hooks.example.com.evil.io', 443, false],
    ['127.0.0.1', 8080, true],
    ['127.0.0.1', 6379, false],
    ['[::1]', 9090, true],
    ['[::1]', 9091, false],
  ])('%s:%d → %s', (host, port, expected) => {
    expect(hostAllowed(granted, host, port)).toBe(expected);
  });
});
