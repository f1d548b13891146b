import { useKernelFixture } from '../support/kernel-fixture';

describe('probes and metrics', () => {
  const fixture = useKernelFixture();

  it('/healthz answers while the process serves', async () => {
    const response = await fetch(`${fixture.kernel.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready when Redis and Kubernetes answer', async () => {
    const response = await fetch(`${fixture.kernel.url}/readyz`);
    expect(await response.json()).toEqual({ ready: true, checks: { redis: 'ok', kubernetes: 'ok' } });
    expect(response.status).toBe(200);
  });

  it('/metrics exposes Node defaults and Driftless metrics in Prometheus text format', async () => {
    await fetch(`${fixture.kernel.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ version { version } }"}',
    });
    const response = await fetch(`${fixture.kernel.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toMatch(/driftless_build_info\{version="0\.1\.0",node_version="v24\.[0-9.]+"\} 1/);
    expect(text).toMatch(/driftless_graphql_operations_total\{type="query",outcome="success"\} [1-9]/);
    expect(text).toMatch(/driftless_events_published_total\{topic="serverEvents"\} [1-9]/);
  });

  it('/readyz turns unready, naming Kubernetes, when the fixture.cluster stops answering', async () => {
    await fixture.cluster.stop();
    const response = await fetch(`${fixture.kernel.url}/readyz`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as { ready: boolean; checks: Record<string, string> };
    expect(report.ready).toBe(false);
    expect(report.checks.redis).toBe('ok');
    expect(report.checks.kubernetes).toMatch(/^unreachable: /);
  });
});
