// Webhook requests as each provider sends them, signed with the given credential: for specs
// and integration tests. Fixtures live in providers/testdata.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderName } from '../push-event';

export type FixtureName =
  | 'github-push'
  | 'github-ping'
  | 'gitlab-push'
  | 'gitlab-tag-push'
  | 'bitbucket-push'
  | 'bitbucketserver-refs-changed'
  | 'gitea-push'
  | 'azuredevops-push';

export function fixture(name: FixtureName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'providers', 'testdata', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * A request carrying `payload` as `provider` would send it, with `credential` as its signature,
 * token, UUID or `user:password` (none when undefined). `event` overrides the event header.
 */
export function providerRequest(
  provider: ProviderName,
  payload: unknown,
  credential?: string,
  event?: string,
): SignedRequest {
  const body = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  switch (provider) {
    case 'github':
      headers['x-github-event'] = event ?? 'push';
      headers['x-github-delivery'] = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
      if (credential !== undefined) headers['x-hub-signature-256'] = `sha256=${hmacHex(credential, body)}`;
      break;
    case 'gitlab':
      headers['x-gitlab-event'] = event ?? 'Push Hook';
      if (credential !== undefined) headers['x-gitlab-token'] = credential;
      break;
    case 'bitbucket':
      headers['x-event-key'] = event ?? 'repo:push';
      headers['x-hook-uuid'] = credential ?? '{f1b7a7b4-0000-4000-8000-000000000001}';
      break;
    case 'bitbucketserver':
      headers['x-event-key'] = event ?? 'repo:refs_changed';
      headers['x-request-id'] = 'b5d1b1f6-3a77-4b4f-a3a2-0c2d2b1f0e11';
      if (credential !== undefined) headers['x-hub-signature'] = `sha256=${hmacHex(credential, body)}`;
      break;
    case 'gogs':
      headers['x-gitea-event'] = event ?? 'push';
      headers['x-gogs-event'] = event ?? 'push';
      headers['x-github-event'] = event ?? 'push';
      if (credential !== undefined) {
        headers['x-gitea-signature'] = hmacHex(credential, body);
        headers['x-gogs-signature'] = hmacHex(credential, body);
      }
      break;
    case 'azuredevops':
      headers['x-vss-activityid'] = 'a9a4f5b0-2c0d-4d1f-9c55-3b0b1c2d3e4f';
      if (credential !== undefined) headers.authorization = `Basic ${Buffer.from(credential).toString('base64')}`;
      break;
  }
  return { headers, body };
}
