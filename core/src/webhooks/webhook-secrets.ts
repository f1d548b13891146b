// The webhook credentials Argo CD keeps in the `argocd-secret` Secret.

export interface WebhookSecrets {
  github?: string;
  gitlab?: string;
  bitbucketUuid?: string;
  bitbucketServer?: string;
  gogs?: string;
  azureDevOpsUsername?: string;
  azureDevOpsPassword?: string;
}

export const WEBHOOK_SECRET_NAME = 'argocd-secret';

/** The webhook keys of argocd-secret's decoded values; empty values count as unset. */
export function webhookSecretsFrom(values: Record<string, string>): WebhookSecrets {
  const pick = (key: string) => (values[key] ? values[key] : undefined);
  const secrets: WebhookSecrets = {};
  const assign = (field: keyof WebhookSecrets, key: string) => {
    const value = pick(key);
    if (value !== undefined) secrets[field] = value;
  };
  assign('github', 'webhook.github.secret');
  assign('gitlab', 'webhook.gitlab.secret');
  assign('bitbucketUuid', 'webhook.bitbucket.uuid');
  assign('bitbucketServer', 'webhook.bitbucketserver.secret');
  assign('gogs', 'webhook.gogs.secret');
  assign('azureDevOpsUsername', 'webhook.azuredevops.username');
  assign('azureDevOpsPassword', 'webhook.azuredevops.password');
  return secrets;
}
