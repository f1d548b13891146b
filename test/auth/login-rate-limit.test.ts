// Login rate limiting as Argo CD's, with counters in Redis: security.md
// BI-BF-1 (lock from the 6th attempt), BI-BF-2 (a username flood evicts
// nothing), BI-BF-3 (a restart keeps the count), and fail closed without Redis.
import { randomUUID } from 'node:crypto';
import { AUTH_REDIS, type createAuthRedis } from '../../core/src/auth/auth-redis';
import { LoginFailuresStore } from '../../core/src/auth/login/login-failures.store';
import { useKernelFixture } from '../support/kernel-fixture';
import { initialAdminPassword, startTestKernel } from '../support/test-kernel';
import { LOGIN, gql } from './auth-support';

describe('login rate limiting', () => {
  const fixture = useKernelFixture();
  let password: string;
  const attempt = async (username: string, secret: string) => {
    const { data, error } = await gql<{ login: { token: string } }>(fixture.kernel.url, null, LOGIN, {
      username,
      password: secret,
    });
    return data ? 'ok' : `${error?.extensions?.code}: ${error?.message}`;
  };
  const refused = 'UNAUTHENTICATED: Invalid username or password';

  beforeAll(async () => {
    password = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
  });

  it('locks admin after 5 failures even when 20 000 other usernames fail meanwhile (BI-BF-1, BI-BF-2)', async () => {
    for (let index = 0; index < 4; index += 1) expect(await attempt('admin', `wrong-${index}`)).toBe(refused);
    const store = fixture.kernel.app.get(LoginFailuresStore);
    for (let batch = 0; batch < 20; batch += 1)
      await Promise.all(Array.from({ length: 1_000 }, () => store.recordFailure(`user-${randomUUID()}`, 300)));
    // A few through the API too, concurrently: each costs a bcrypt round, answered alike.
    const flood = await Promise.all(Array.from({ length: 10 }, () => attempt(`user-${randomUUID()}`, 'x-password')));
    expect(new Set(flood)).toEqual(new Set([refused]));

    expect(await store.failures('admin')).toBe(4);
    expect(await attempt('admin', 'wrong-5')).toBe(refused);
    expect(await attempt('admin', password)).toBe(refused);
  });

  it('keeps the count across a restart of the API server (BI-BF-3)', async () => {
    await fixture.kernel.stop();
    fixture.kernel = await startTestKernel({
      cluster: fixture.cluster.connection,
      namespace: fixture.namespace,
      login: false,
    });
    expect(await attempt('admin', password)).toBe(refused);
    await fixture.kernel.app.get(LoginFailuresStore).reset('admin');
    expect(await attempt('admin', password)).toBe('ok');
  });

  it('refuses every login while Redis does not answer (fail closed)', async () => {
    const redis = fixture.kernel.app.get<ReturnType<typeof createAuthRedis>>(AUTH_REDIS);
    redis.disconnect();
    try {
      expect(await attempt('admin', password)).toBe(
        'SERVICE_UNAVAILABLE: login is unavailable right now; try again shortly',
      );
    } finally {
      await redis.connect();
    }
    expect(await attempt('admin', password)).toBe('ok');
  });
});
