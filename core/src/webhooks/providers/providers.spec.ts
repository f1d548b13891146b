import { type PushEvent, type ProviderName } from '../push-event';
import { fixture, type FixtureName, providerRequest } from '../testing/signed-requests';
import { type WebhookSecrets } from '../webhook-secrets';
import { providerFor } from './index';

interface ParseCase {
  fixture: FixtureName;
  provider: ProviderName;
  event?: string;
  expected: Omit<PushEvent, 'provider'> | 'ignored';
}

const parseCases: ParseCase[] = [
  {
    fixture: 'github-push',
    provider: 'github',
    expected: {
      repoUrls: ['https://github.com/Acme/GitOps', 'https://github.com/Acme/GitOps.git'],
      revision: 'main',
      refKind: 'branch',
      touchedHead: true,
      changedFiles: ['apps/guestbook/service.yaml', 'apps/guestbook/deployment.yaml', 'README.md', 'README.old.md'],
    },
  },
  { fixture: 'github-ping', provider: 'github', event: 'ping', expected: 'ignored' },
  { fixture: 'github-push', provider: 'github', event: 'issues', expected: 'ignored' },
  {
    fixture: 'gitlab-push',
    provider: 'gitlab',
    expected: {
      repoUrls: [
        'https://gitlab.example.com/platform/deployments',
        'https://gitlab.example.com/platform/deployments.git',
        'git@gitlab.example.com:platform/deployments.git',
      ],
      revision: 'release/1.x',
      refKind: 'branch',
      touchedHead: false,
      changedFiles: ['envs/prod/billing/values.yaml'],
    },
  },
  {
    fixture: 'gitlab-tag-push',
    provider: 'gitlab',
    event: 'Tag Push Hook',
    expected: {
      repoUrls: [
        'https://gitlab.example.com/platform/deployments',
        'https://gitlab.example.com/platform/deployments.git',
        'git@gitlab.example.com:platform/deployments.git',
      ],
      revision: 'v1.4.0',
      refKind: 'tag',
      touchedHead: false,
      changedFiles: undefined,
    },
  },
  { fixture: 'gitlab-push', provider: 'gitlab', event: 'Merge Request Hook', expected: 'ignored' },
  {
    fixture: 'bitbucket-push',
    provider: 'bitbucket',
    expected: {
      repoUrls: ['https://bitbucket.org/acme/gitops'],
      revision: 'main',
      refKind: 'branch',
      touchedHead: true,
      changedFiles: undefined,
    },
  },
  {
    fixture: 'bitbucketserver-refs-changed',
    provider: 'bitbucketserver',
    expected: {
      repoUrls: [
        'ssh://git@bitbucket.example.com:7999/plat/gitops.git',
        'https://bitbucket.example.com/scm/plat/gitops.git',
      ],
      revision: 'main',
      refKind: 'branch',
      touchedHead: true,
      changedFiles: undefined,
    },
  },
  {
    fixture: 'bitbucketserver-refs-changed',
    provider: 'bitbucketserver',
    event: 'diagnostics:ping',
    expected: 'ignored',
  },
  {
    fixture: 'gitea-push',
    provider: 'gogs',
    expected: {
      repoUrls: [
        'https://gitea.example.com/infra/k8s-apps',
        'https://gitea.example.com/infra/k8s-apps.git',
        'git@gitea.example.com:infra/k8s-apps.git',
      ],
      revision: 'main',
      refKind: 'branch',
      touchedHead: true,
      changedFiles: ['redis/statefulset.yaml'],
    },
  },
  {
    fixture: 'azuredevops-push',
    provider: 'azuredevops',
    expected: {
      repoUrls: ['https://fabrikam@dev.azure.com/fabrikam/Fabrikam%20Fiber/_git/Fabrikam-Fiber-Git'],
      revision: 'main',
      refKind: 'branch',
      touchedHead: true,
      changedFiles: undefined,
    },
  },
];

describe('webhook providers: parsing', () => {
  it.each(parseCases)(
    '$fixture as $provider (event header: $event)',
    ({ fixture: name, provider, event, expected }) => {
      const request = providerRequest(provider, fixture(name), undefined, event);
      const handler = providerFor(request.headers);
      expect(handler?.name).toBe(provider);
      const parsed = handler!.parse(request);
      if (expected === 'ignored') expect(parsed.kind).toBe('ignored');
      else expect(parsed).toEqual({ kind: 'push', event: { provider, ...expected } });
    },
  );

  it('reads a GitHub payload posted as a form', () => {
    const payload = JSON.stringify(fixture('github-push'));
    const request = providerRequest('github', `payload=${encodeURIComponent(payload)}`);
    request.headers['content-type'] = 'application/x-www-form-urlencoded';
    const parsed = providerFor(request.headers)!.parse(request);
    expect(parsed.kind === 'push' && parsed.event.revision).toBe('main');
  });

  it('does not trust GitLab changed files when the payload lists fewer commits than were pushed', () => {
    const payload = { ...fixture('gitlab-push'), total_commits_count: 40 };
    const parsed = providerFor(providerRequest('gitlab', payload).headers)!.parse(providerRequest('gitlab', payload));
    expect(parsed.kind === 'push' && parsed.event.changedFiles).toBeUndefined();
  });

  it('counts a tag push as no move of HEAD, even when the tag is named like the default branch', () => {
    const payload = { ...fixture('github-push'), ref: 'refs/tags/main' };
    const parsed = providerFor(providerRequest('github', payload).headers)!.parse(providerRequest('github', payload));
    expect(parsed.kind === 'push' && parsed.event).toMatchObject({
      revision: 'main',
      refKind: 'tag',
      touchedHead: false,
    });
  });

  it('reports Azure DevOps pushes without ref updates as invalid', () => {
    const payload = fixture('azuredevops-push');
    (payload.resource as Record<string, unknown>).refUpdates = [];
    expect(
      providerFor(providerRequest('azuredevops', payload).headers)!.parse(providerRequest('azuredevops', payload)).kind,
    ).toBe('invalid');
  });

  it('answers unknown senders with no provider', () => {
    expect(providerFor({ 'content-type': 'application/json', 'user-agent': 'curl/8' })).toBeUndefined();
  });
});

interface VerifyCase {
  provider: ProviderName;
  fixture: FixtureName;
  secrets: WebhookSecrets;
  right: string;
  wrong: string;
}

const verifyCases: VerifyCase[] = [
  {
    provider: 'github',
    fixture: 'github-push',
    secrets: { github: 'gh-s3cret' },
    right: 'gh-s3cret',
    wrong: 'gh-s3cret2',
  },
  { provider: 'gitlab', fixture: 'gitlab-push', secrets: { gitlab: 'gl-t0ken' }, right: 'gl-t0ken', wrong: 'gl-t0ke' },
  {
    provider: 'bitbucket',
    fixture: 'bitbucket-push',
    secrets: { bitbucketUuid: '{8e2e0d7c-1111-4000-8000-000000000042}' },
    right: '{8e2e0d7c-1111-4000-8000-000000000042}',
    wrong: '{8e2e0d7c-1111-4000-8000-000000000043}',
  },
  {
    provider: 'bitbucketserver',
    fixture: 'bitbucketserver-refs-changed',
    secrets: { bitbucketServer: 'bbs' },
    right: 'bbs',
    wrong: 'bbS',
  },
  { provider: 'gogs', fixture: 'gitea-push', secrets: { gogs: 'gitea' }, right: 'gitea', wrong: 'gogs' },
  {
    provider: 'azuredevops',
    fixture: 'azuredevops-push',
    secrets: { azureDevOpsUsername: 'argo', azureDevOpsPassword: 'pa:ss' },
    right: 'argo:pa:ss',
    wrong: 'argo:pass',
  },
];

describe('webhook providers: credentials', () => {
  it.each(verifyCases)('$provider accepts the right credential', ({ provider, fixture: name, secrets, right }) => {
    const request = providerRequest(provider, fixture(name), right);
    expect(providerFor(request.headers)!.verify(request, secrets)).toEqual({ ok: true });
  });

  it.each(verifyCases)('$provider refuses a wrong credential', ({ provider, fixture: name, secrets, wrong }) => {
    const request = providerRequest(provider, fixture(name), wrong);
    const result = providerFor(request.headers)!.verify(request, secrets);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(Object.values(secrets)[0]);
  });

  it.each(verifyCases.filter((c) => c.provider !== 'bitbucket'))(
    '$provider refuses a request without a credential when one is configured',
    ({ provider, fixture: name, secrets }) => {
      const request = providerRequest(provider, fixture(name));
      expect(providerFor(request.headers)!.verify(request, secrets).ok).toBe(false);
    },
  );

  it.each(verifyCases)('$provider accepts anything when nothing is configured', ({ provider, fixture: name }) => {
    const request = providerRequest(provider, fixture(name));
    expect(providerFor(request.headers)!.verify(request, {}).ok).toBe(true);
  });

  it('checks the signature over the exact bytes: one changed byte fails', () => {
    const request = providerRequest('github', fixture('github-push'), 'gh-s3cret');
    const tampered = { ...request, body: Buffer.from(request.body.toString().replace('main', 'mainx')) };
    expect(providerFor(request.headers)!.verify(tampered, { github: 'gh-s3cret' }).ok).toBe(false);
  });

  it('does not accept GitHub signatures in other forms (sha1, bare hex, wrong length)', () => {
    const request = providerRequest('github', fixture('github-push'), 'gh-s3cret');
    const signature = request.headers['x-hub-signature-256']!;
    for (const forged of [signature.replace('sha256=', 'sha1='), signature.slice(7), `${signature}00`, 'sha256=']) {
      const headers = { ...request.headers, 'x-hub-signature-256': forged };
      expect(providerFor(headers)!.verify({ headers, body: request.body }, { github: 'gh-s3cret' }).ok).toBe(false);
    }
  });
});
