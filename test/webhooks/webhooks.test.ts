// POST /api/webhook and GET /api/badge against a real server role: signed GitHub and GitLab
// pushes over HTTP refresh exactly the Applications that follow the pushed repo, ref and paths.
import { type KubeConfig } from '@kubernetes/client-node';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { fixture, providerRequest } from '../../core/src/webhooks/testing/signed-requests';
import { WebhookTargetsService } from '../../core/src/webhooks/webhook-targets.service';
import { WebhookService } from '../../core/src/webhooks/webhook.service';
import { installArgoCrds } from '../support/argo-resources';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';
import {
  appsAskedToRefresh,
  clearRefreshAnnotations,
  createApp,
  postEndlessBody,
  postWebhook,
  putConfigMap,
  putSecretValues,
} from './support';

const githubRepo = 'https://github.com/acme/gitops.git';
const gitlabRepo = 'https://gitlab.example.com/platform/deployments.git';
const sha = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
const paths = 'argocd.argoproj.io/manifest-generate-paths';
const githubMatches = ['gh-head', 'gh-main-ssh', 'gh-multi-ref', 'gh-paths-hit'];

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Git webhooks and the status badge', () => {
  let cluster: TestCluster;
  let kubeConfig: KubeConfig;
  let kernel: RunningKernel;
  let webhooks: WebhookService;
  const namespace = uniqueNamespace();
  const otherNamespace = `${namespace}-other`;

  beforeAll(async () => {
    cluster = await startTestCluster();
    kubeConfig = cluster.connection.kubeConfig;
    await installArgoCrds(kubeConfig, namespace);
    await ensureNamespace(kubeConfig, otherNamespace);
    await putConfigMap(kubeConfig, namespace, 'argocd-cm', {
      'statusbadge.enabled': 'true',
      'webhook.maxPayloadSizeMB': '1',
    });
    const apps: [string, Record<string, unknown>, Record<string, string>?][] = [
      ['gh-head', { source: { repoURL: githubRepo, path: 'apps/guestbook' } }],
      ['gh-main-ssh', { source: { repoURL: 'git@github.com:Acme/GitOps', targetRevision: 'main', path: 'x' } }],
      ['gh-dev', { source: { repoURL: githubRepo, targetRevision: 'dev', path: 'apps/guestbook' } }],
      ['gh-pinned', { source: { repoURL: githubRepo, targetRevision: sha, path: 'apps/guestbook' } }],
      ['gh-paths-hit', { source: { repoURL: githubRepo, path: 'apps/guestbook' } }, { [paths]: '.' }],
      ['gh-paths-miss', { source: { repoURL: githubRepo, path: 'apps/billing' } }, { [paths]: '.;/charts' }],
      [
        'gh-multi-ref',
        {
          sources: [
            { repoURL: 'https://charts.example.com', chart: 'redis', targetRevision: '19.*' },
            { repoURL: githubRepo, targetRevision: 'main', ref: 'values' },
          ],
        },
      ],
      ['other-repo', { source: { repoURL: 'https://github.com/acme/other.git', path: '.' } }],
      ['gl-release', { source: { repoURL: gitlabRepo, targetRevision: 'release/1.x', path: 'envs/prod/billing' } }],
      ['gl-head', { source: { repoURL: gitlabRepo, targetRevision: 'HEAD', path: 'envs/prod/billing' } }],
      [
        'gl-release-staging',
        { source: { repoURL: gitlabRepo, targetRevision: 'release/1.x', path: 'envs/staging' } },
        { [paths]: '.' },
      ],
    ];
    for (const [name, spec, annotations] of apps)
      await createApp(kubeConfig, namespace, name, spec, annotations ? { annotations } : {});
    await createApp(
      kubeConfig,
      namespace,
      'badge-app',
      { source: { repoURL: 'https://github.com/acme/badge.git', path: '.' } },
      {
        status: {
          health: { status: 'Healthy' },
          sync: { status: 'Synced' },
          operationState: {
            operation: { sync: { revision: sha } },
            phase: 'Succeeded',
            startedAt: '2026-11-26T10:00:00Z',
            syncResult: { revision: sha },
          },
        },
      },
    );
    // Not in an enabled namespace: never refreshed, never shown.
    await createApp(kubeConfig, otherNamespace, 'gh-elsewhere', {
      source: { repoURL: githubRepo, path: 'apps/guestbook' },
    });
    kernel = await startTestKernel({ cluster: cluster.connection, namespace, login: false });
    await putSecretValues(kubeConfig, namespace, 'argocd-secret', {
      'webhook.github.secret': 'gh-secret',
      'webhook.gitlab.secret': 'gl-token',
    });
    webhooks = kernel.app.get(WebhookService);
  });

  afterAll(async () => {
    await kernel?.stop();
    await cluster?.stop();
  });

  it('refuses GitHub and GitLab events with a wrong or missing signature or token (BI-WH-3)', async () => {
    const payload = fixture('github-push');
    for (const request of [
      providerRequest('github', payload, 'not-the-secret'),
      providerRequest('github', payload),
      providerRequest('gitlab', fixture('gitlab-push'), 'gl-token-2'),
      providerRequest('gitlab', fixture('gitlab-push')),
    ]) {
      const answer = await postWebhook(kernel.url, request);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain('gh-secret');
    }
    await webhooks.settled();
    expect(await appsAskedToRefresh(kubeConfig, namespace)).toEqual([]);
  });

  it('refreshes exactly the apps a signed GitHub push concerns', async () => {
    const answer = await postWebhook(kernel.url, providerRequest('github', fixture('github-push'), 'gh-secret'));
    expect(answer.status).toBe(200);
    await webhooks.settled();
    expect(await appsAskedToRefresh(kubeConfig, namespace)).toEqual(githubMatches);
    expect(await appsAskedToRefresh(kubeConfig, otherNamespace)).toEqual([]);
  });

  it('refreshes exactly the apps a GitLab push to a release branch concerns', async () => {
    await clearRefreshAnnotations(kubeConfig, namespace, githubMatches);
    const answer = await postWebhook(kernel.url, providerRequest('gitlab', fixture('gitlab-push'), 'gl-token'));
    expect(answer.status).toBe(200);
    await webhooks.settled();
    expect(await appsAskedToRefresh(kubeConfig, namespace)).toEqual(['gl-release']);
  });

  it('answers pings and malformed payloads without refreshing', async () => {
    await clearRefreshAnnotations(kubeConfig, namespace, ['gl-release']);
    const ping = await postWebhook(kernel.url, providerRequest('github', fixture('github-ping'), 'gh-secret', 'ping'));
    expect(ping.status).toBe(200);
    const notJson = await postWebhook(kernel.url, providerRequest('github', '{"ref": ', 'gh-secret'));
    expect(notJson.status).toBe(400);
    const mistyped = await postWebhook(
      kernel.url,
      providerRequest('github', { ...fixture('github-push'), repository: { html_url: 42 } }, 'gh-secret'),
    );
    expect(mistyped.status).toBe(400);
    const unknown = await postWebhook(kernel.url, {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    });
    expect(unknown.status).toBe(400);
    await webhooks.settled();
    expect(await appsAskedToRefresh(kubeConfig, namespace)).toEqual([]);
  });

  it('reads signed bodies larger than the JSON parser default, and refuses bodies over the cap with 413 (BI-WH-1)', async () => {
    const padded = { ...fixture('github-push'), padding: 'x'.repeat(600 * 1024) };
    const accepted = await postWebhook(kernel.url, providerRequest('github', padded, 'gh-secret'));
    expect(accepted.status).toBe(200);
    const tooLarge = { ...fixture('github-push'), padding: 'x'.repeat(1100 * 1024) };
    expect((await postWebhook(kernel.url, providerRequest('github', tooLarge, 'gh-secret'))).status).toBe(413);
    const endless = await postEndlessBody(kernel.url, {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'transfer-encoding': 'chunked',
    });
    expect(endless.status).toBe(413);
    // Refused near the 1 MiB cap, not after reading everything the client sent (socket buffers aside).
    expect(endless.sentBytes).toBeLessThan(64 * 1024 * 1024);
    await webhooks.settled();
  });

  it('coalesces a storm of pushes for one repo into one refresh per app (BI-WH-4)', async () => {
    await clearRefreshAnnotations(kubeConfig, namespace, await appsAskedToRefresh(kubeConfig, namespace));
    // The webhook handler skips apps whose refresh is still pending: wait until its watch saw them cleared.
    const targets = kernel.app.get(WebhookTargetsService);
    await until(async () =>
      (await Promise.all(githubMatches.map((name) => targets.get(`${namespace}/${name}`)))).every(
        (target) => target?.pendingRefresh === undefined,
      ),
    );
    const metrics = kernel.app.get(MetricsService).registry;
    const requested = async () =>
      (await metrics.getSingleMetric('driftless_webhook_refreshes_total')!.get()).values
        .filter((value) => value.labels.outcome === 'requested')
        .reduce((sum, value) => sum + value.value, 0);
    const before = await requested();
    const request = providerRequest('github', fixture('github-push'), 'gh-secret');
    const answers = await Promise.all(Array.from({ length: 200 }, () => postWebhook(kernel.url, request)));
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    await webhooks.settled();
    expect(await appsAskedToRefresh(kubeConfig, namespace)).toEqual(githubMatches);
    // An app still carrying the annotation is not patched again: a handful of patches, not 800.
    expect((await requested()) - before).toBeLessThanOrEqual(3 * githubMatches.length);
  });

  it('serves the status badge, the same neutral badge for missing apps and when disabled', async () => {
    const badge = async (query: string) => {
      const response = await fetch(`${kernel.url}/api/badge?${query}`);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        cache: response.headers.get('cache-control'),
        svg: await response.text(),
      };
    };
    const healthy = await badge('name=badge-app&revision=true&showAppName=true');
    expect(healthy.status).toBe(200);
    expect(healthy.type).toContain('image/svg+xml');
    expect(healthy.cache).toBe('private, no-store');
    expect(healthy.svg).toMatch(/id="leftText"[^>]*>Healthy</);
    expect(healthy.svg).toMatch(/id="rightText"[^>]*>Synced</);
    expect(healthy.svg).toContain('(0d1a26e)');
    expect(healthy.svg).toMatch(/id="titleText"[^>]*>badge-app</);

    const missing = await badge('name=no-such-app');
    expect(missing.svg).toContain('Not Found');
    expect((await badge(`name=gh-elsewhere&namespace=${otherNamespace}`)).svg).toBe(missing.svg);
    expect((await badge('name=%3Cscript%3E')).status).toBe(400);

    await putConfigMap(kubeConfig, namespace, 'argocd-cm', { 'statusbadge.enabled': 'false' });
    kernel.app.get(SettingsConfigMaps).ttlMs = 0;
    const disabled = await badge('name=badge-app');
    expect(disabled.status).toBe(200);
    expect(disabled.svg).toBe(missing.svg);
    expect((await badge('name=no-such-app')).svg).toBe(missing.svg);
  });
});
