import { DEFAULT_LOGIN_THROTTLE, loginLocked, remainingDelayMs } from './login-throttle';

describe('login throttle decisions', () => {
  it("locks from Argo CD's fifth failure within the window (BI-BF-1)", () => {
    expect(loginLocked(4, DEFAULT_LOGIN_THROTTLE)).toBe(false);
    expect(loginLocked(5, DEFAULT_LOGIN_THROTTLE)).toBe(true);
    expect(loginLocked(50, { ...DEFAULT_LOGIN_THROTTLE, maxFailures: 0 })).toBe(false);
  });

  it('pads every refused attempt to between the minimum delay and twice it', () => {
    expect(remainingDelayMs(100, DEFAULT_LOGIN_THROTTLE, 0)).toBe(400);
    expect(remainingDelayMs(100, DEFAULT_LOGIN_THROTTLE, 0.999)).toBe(900);
    expect(remainingDelayMs(2_000, DEFAULT_LOGIN_THROTTLE, 0.5)).toBe(0);
  });
});
