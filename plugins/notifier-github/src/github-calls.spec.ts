import { type NotifierInput } from '@driftless/plugin-sdk';
import {
  appCredentials,
  appJwtSigningInput,
  base64url,
  installationToken,
  installationTokenRequest,
} from './github-app-token';
import { githubRepo, planGithubCalls } from './github-calls';

const input = (config: Record<string, unknown>, github: Record<string, unknown>): NotifierInput => ({
  service: 'github',
  config,
  destination: '',
  notification: {
    title: '',
    body: '',
    fields: { github: { repoURLPath: 'https://github.com/org/guestbook.git', revisionPath: 'abc123', ...github } },
  },
});

describe('githubRepo', () => {
  it.each([
    ['https://github.com/org/guestbook.git', 'org/guestbook'],
    ['https://github.com/org/guestbook', 'org/guestbook'],
    ['git@github.com:org/guestbook.git', 'org/guestbook'],
    ['ssh://git@ghe.example.com/org/guestbook.git', 'org/guestbook'],
  ])('%s → %s', (url, repo) => expect(githubRepo(url)).toBe(repo));

  it('finds no repository in a bare host', () => expect(githubRepo('https://github.com')).toBeUndefined());
});

describe('planGithubCalls', () => {
  it('sets a commit status, creates a deployment with its status and comments on pull requests', () => {
    const plan = planGithubCalls(
      input(
        { enterpriseBaseURL: 'https://ghe.example.com/api/v3/' },
        {
          status: { state: 'success', label: 'argocd/guestbook', targetURL: 'https://cd/app' },
          deployment: { state: 'success', environment: 'prod', environmentURL: 'https://shop', autoMerge: 'true' },
          pullRequestComment: { content: 'Deployed abc123' },
        },
      ),
      'ghp',
    );
    expect(plan).toEqual({
      base: 'https://ghe.example.com/api/v3',
      headers: expect.objectContaining({ Authorization: 'Bearer ghp' }),
      calls: [
        {
          kind: 'status',
          method: 'POST',
          path: '/repos/org/guestbook/statuses/abc123',
          body: { state: 'success', context: 'argocd/guestbook', target_url: 'https://cd/app' },
        },
        {
          kind: 'deployment',
          method: 'POST',
          path: '/repos/org/guestbook/deployments',
          body: {
            ref: 'abc123',
            environment: 'prod',
            required_contexts: [],
            auto_merge: true,
            transient_environment: false,
          },
        },
        {
          kind: 'deploymentStatus',
          method: 'POST',
          path: '{deployment}',
          body: { state: 'success', environment_url: 'https://shop' },
        },
        { kind: 'pulls', method: 'GET', path: '/repos/org/guestbook/commits/abc123/pulls' },
        { kind: 'comment', method: 'POST', path: '{pulls}', body: { body: 'Deployed abc123' } },
      ],
    });
  });

  it.each([
    ['a bad status state', { token: 't' }, { status: { state: 'great' } }, /status.state/],
    ['no repository', { token: 't' }, { repoURLPath: 'nothing', status: {} }, /names no GitHub repository/],
    ['no revision', { token: 't' }, { revisionPath: '', status: {} }, /revisionPath rendered empty/],
    ['nothing to do', { token: 't' }, {}, /has no github.status/],
  ])('refuses %s', (_name, config, github, message) =>
    expect(planGithubCalls(input(config, github), 't')).toEqual({ invalid: expect.stringMatching(message) }),
  );
});

describe('GitHub App installation tokens', () => {
  it('reads the credentials, and says which are missing', () => {
    expect(appCredentials({ token: 't' })).toBeUndefined();
    expect(appCredentials({ appID: 12345, installationID: '678', privateKey: 'PEM' })).toEqual({
      appID: '12345',
      installationID: '678',
      privateKey: 'PEM',
    });
    expect(appCredentials({ appID: 1 })).toEqual({ invalid: 'GitHub App credentials need installationID, privateKey' });
  });

  it('builds the JWT signing input GitHub expects (RS256, issued a minute back, nine minutes valid)', () => {
    const [header, claims] = appJwtSigningInput('12345', 1_000_000).split('.');
    const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as unknown;
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decode(claims)).toEqual({ iat: 999_940, exp: 1_000_540, iss: '12345' });
  });

  it('encodes base64url as Node does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '{"alg":"RS256","typ":"JWT"}', '~~~???>>>'])
      expect(base64url(text)).toBe(Buffer.from(text).toString('base64url'));
  });

  it('asks for the token at the installation, and reads the answer', () => {
    expect(installationTokenRequest('https://api.github.com', '678', 'jwt')).toEqual({
      url: 'https://api.github.com/app/installations/678/access_tokens',
      method: 'POST',
      headers: expect.objectContaining({ Authorization: 'Bearer jwt' }),
    });
    expect(installationToken('{"token": "ghs_x", "expires_at": "2026-11-26T12:00:00Z"}')).toEqual({
      token: 'ghs_x',
      expiresAt: Date.parse('2026-11-26T12:00:00Z'),
    });
    expect(installationToken('{"message": "Bad credentials"}')).toBeUndefined();
  });
});
