import { ConfigError, loadConfig } from '../config/config.schema';

describe('auth settings in the kernel configuration', () => {
  it("defaults to Argo CD's login limits and no extra WebSocket origins", () => {
    expect(loadConfig({}).auth).toEqual({
      allowedOrigins: [],
      login: { maxFailures: 5, windowSeconds: 300, minimumDelayMs: 500 },
    });
  });

  it("reads Argo CD's variables and the allowed origins", () => {
    const { auth } = loadConfig({
      DRIFTLESS_ALLOWED_ORIGINS: 'https://ui.example.com, http://localhost:3000/',
      ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT: '0',
      ARGOCD_SESSION_FAILURE_WINDOW_SECONDS: '60',
      DRIFTLESS_LOGIN_DELAY_MS: '100',
    });
    expect(auth).toEqual({
      allowedOrigins: ['https://ui.example.com', 'http://localhost:3000'],
      login: { maxFailures: 0, windowSeconds: 60, minimumDelayMs: 100 },
    });
  });

  it('refuses an origin with a path or another scheme', () => {
    expect(() => loadConfig({ DRIFTLESS_ALLOWED_ORIGINS: 'https://ui.example.com/app' })).toThrow(ConfigError);
    expect(() => loadConfig({ DRIFTLESS_ALLOWED_ORIGINS: 'javascript:alert(1)' })).toThrow(ConfigError);
  });
});
