import { type NotifierInput } from '@driftless/plugin-sdk';
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
        { token: 'ghp', enterpriseBaseURL: 'https://ghe.example.com/api/v3/' },
        {
          status: { state: 'success', label: 'argocd/guestbook', targetURL: 'https://cd/app' },
          deployment: { state: 'success', environment: 'prod', environmentURL: 'https://shop', autoMerge: 'true' },
          pullRequestComment: { content: 'Deployed abc123' },
        },
      ),
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
    ['no token', {}, { status: {} }, /needs a token/],
    ['GitHub App credentials', { appID: 1, installationID: 2, privateKey: 'k' }, { status: {} }, /RS256/],
    ['a bad status state', { token: 't' }, { status: { state: 'great' } }, /status.state/],
    ['no repository', { token: 't' }, { repoURLPath: 'nothing', status: {} }, /names no GitHub repository/],
    ['no revision', { token: 't' }, { revisionPath: '', status: {} }, /revisionPath rendered empty/],
    ['nothing to do', { token: 't' }, {}, /has no github.status/],
  ])('refuses %s', (_name, config, github, message) =>
    expect(planGithubCalls(input(config, github))).toEqual({ invalid: expect.stringMatching(message) }),
  );
});
