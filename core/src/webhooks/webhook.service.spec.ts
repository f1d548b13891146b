import { Logger } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { MetricsService } from '../metrics/metrics.service';
import { fixture, providerRequest } from './testing/signed-requests';
import { type WebhookKube } from './webhook-kube';
import { WebhookMetrics } from './webhook-metrics';
import { type WebhookSecrets } from './webhook-secrets';
import { type WebhookSecretsService } from './webhook-secrets.service';
import { toWebhookTarget, type WebhookTarget } from './webhook-target';
import { type WebhookTargetsService } from './webhook-targets.service';
import { PUSH_QUEUE_CAPACITY, WebhookService } from './webhook.service';

function setup(secrets: WebhookSecrets | Error = { github: 'gh-secret' }) {
  const target = toWebhookTarget({
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: { source: { repoURL: 'https://github.com/acme/gitops.git' } },
  } as Application);
  const targets = new Map<string, WebhookTarget>([[target.key, target]]);
  const patches: string[] = [];
  const service = new WebhookService(
    {
      secrets: () => (secrets instanceof Error ? Promise.reject(secrets) : Promise.resolve(secrets)),
    } as WebhookSecretsService,
    {
      ready: () => Promise.resolve(),
      all: () => Promise.resolve([...targets.values()]),
      get: (key: string) => Promise.resolve(targets.get(key)),
      observed: () => undefined,
    } as unknown as WebhookTargetsService,
    {
      http: {
        sendJson: (_method: string, path: string) => {
          patches.push(path);
          return Promise.resolve({ metadata: { name: 'guestbook', namespace: 'argocd' } });
        },
      },
    } as unknown as WebhookKube,
    new WebhookMetrics(new MetricsService()),
  );
  return { service, patches };
}

describe('WebhookService', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('refuses a forged event with 401 and one security warning that does not name the secret', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { service, patches } = setup();
    const answer = await service.handle(providerRequest('github', fixture('github-push'), 'guessed'));
    expect(answer.status).toBe(401);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ security: 3, provider: 'github' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('gh-secret');
    await service.settled();
    expect(patches).toEqual([]);
  });

  it('queues a signed push and patches the matching app once', async () => {
    const { service, patches } = setup();
    const request = providerRequest('github', fixture('github-push'), 'gh-secret');
    expect((await service.handle(request)).status).toBe(200);
    await service.settled();
    expect(patches).toEqual(['/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/guestbook']);
  });

  it('answers 503 when the credentials cannot be read, instead of skipping verification', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { service, patches } = setup(new Error('API server down'));
    const answer = await service.handle(providerRequest('github', fixture('github-push')));
    expect(answer).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    await service.settled();
    expect(patches).toEqual([]);
  });

  it('answers 503 with Retry-After once the push queue is full', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { service } = setup({});
    const statuses = new Map<number, number>();
    // Distinct branches so that nothing coalesces; all offered before the queue gets to run.
    const answers = await Promise.all(
      Array.from({ length: PUSH_QUEUE_CAPACITY + 10 }, (_, i) =>
        service.handle(providerRequest('github', { ...fixture('github-push'), ref: `refs/heads/b${i}` })),
      ),
    );
    for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(answers.find((answer) => answer.status === 503)?.retryAfterSeconds).toBe(5);
    await service.settled();
  });
});
