import { azureDevOps } from './azure-devops';
import { bitbucketCloud } from './bitbucket-cloud';
import { bitbucketServer } from './bitbucket-server';
import { github } from './github';
import { gitlab } from './gitlab';
import { gogs } from './gogs';
import { type WebhookHeaders, type WebhookProvider } from './provider';

/**
 * First match, in Argo CD's order: Gogs/Gitea before GitHub (Gitea also sends X-GitHub-Event),
 * Bitbucket Cloud (X-Hook-UUID) before Bitbucket Server (both send X-Event-Key).
 */
export const PROVIDERS: readonly WebhookProvider[] = [
  azureDevOps,
  gogs,
  github,
  gitlab,
  bitbucketCloud,
  bitbucketServer,
];

export function providerFor(headers: WebhookHeaders): WebhookProvider | undefined {
  return PROVIDERS.find((provider) => provider.claims(headers));
}

export { type WebhookHeaders, type WebhookProvider, type WebhookRequest } from './provider';
