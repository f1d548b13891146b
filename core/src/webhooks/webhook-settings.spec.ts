import { maxPayloadBytes } from './webhook-body.middleware';
import { webhookSecretsFrom } from './webhook-secrets';

describe('webhook settings', () => {
  it('reads the webhook keys of argocd-secret, ignoring empty values and other keys', () => {
    expect(
      webhookSecretsFrom({
        'webhook.github.secret': 'gh',
        'webhook.gitlab.secret': '',
        'webhook.bitbucket.uuid': '{uuid}',
        'webhook.bitbucketserver.secret': 'bbs',
        'webhook.gogs.secret': 'gogs',
        'webhook.azuredevops.username': 'user',
        'webhook.azuredevops.password': 'pass',
        'admin.password': 'hash',
      }),
    ).toEqual({
      github: 'gh',
      bitbucketUuid: '{uuid}',
      bitbucketServer: 'bbs',
      gogs: 'gogs',
      azureDevOpsUsername: 'user',
      azureDevOpsPassword: 'pass',
    });
  });

  it('caps payloads at webhook.maxPayloadSizeMB MiB, 50 by default', () => {
    expect(maxPayloadBytes({})).toBe(50 * 1024 * 1024);
    expect(maxPayloadBytes({ 'webhook.maxPayloadSizeMB': '2' })).toBe(2 * 1024 * 1024);
    for (const bad of ['0', '-1', 'lots', ''])
      expect(maxPayloadBytes({ 'webhook.maxPayloadSizeMB': bad })).toBe(50 * 1024 * 1024);
  });
});
