// GitHub App credentials: an app JWT (RS256, signed with the app's private
// key) is exchanged for an installation token, which git then sends as Basic
// "x-access-token:<token>". Tokens are cached until a minute before they expire.
import { createHash, createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { checkedLookup, type Egress, egressRefusal, literalRefusal } from '../egress';
import { GitError } from './git-error';

export interface GitHubAppCredentials {
  appId: string;
  installationId: string;
  privateKey: string;
  /** API base, e.g. https://api.github.com or https://ghe.example.com/api/v3 */
  apiBase: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

const refreshMarginMs = 60_000;

export class GitHubAppTokens {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  /** githubAppEnterpriseBaseUrl is a URL from a Secret: the egress policy applies to it as to repositories. */
  private readonly agent: Agent | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly egress?: Egress,
  ) {
    this.agent = egress ? new Agent({ connect: { lookup: checkedLookup(egress) } }) : undefined;
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  async installationToken(app: GitHubAppCredentials, repoForMessages: string): Promise<string> {
    const key = createHash('sha256')
      .update([app.apiBase, app.appId, app.installationId, app.privateKey].join('\0'))
      .digest('hex');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - refreshMarginMs > Date.now()) return cached.token;
    let request = this.pending.get(key);
    if (!request) {
      request = this.exchange(app, repoForMessages).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    const token = await request;
    this.tokens.set(key, token);
    return token.token;
  }

  private async exchange(app: GitHubAppCredentials, repo: string): Promise<CachedToken> {
    const failed = (reason: string) =>
      new GitError(
        'AUTH_FAILED',
        `GitHub App authentication for repository ${repo} failed: ${reason}. Check githubAppID, githubAppInstallationID and githubAppPrivateKey in the repository's Secret`,
      );
    let key;
    try {
      key = createPrivateKey(app.privateKey);
    } catch {
      throw failed('the private key is not a PEM RSA key');
    }
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(app.appId)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 9 * 60)
      .sign(key);
    const url = `${app.apiBase.replace(/\/+$/, '')}/app/installations/${encodeURIComponent(app.installationId)}/access_tokens`;
    const refused = this.egress && literalRefusal(this.egress, new URL(url).hostname);
    if (refused)
      throw new GitError('FORBIDDEN_URL', `GitHub App authentication for repository ${repo}: ${refused.message}`);
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await undiciFetch(url, {
        ...(this.agent ? { dispatcher: this.agent } : {}),
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${jwt}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'driftless',
        },
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const refusal = egressRefusal(error);
      if (refusal)
        throw new GitError('FORBIDDEN_URL', `GitHub App authentication for repository ${repo}: ${refusal.message}`);
      throw failed('the GitHub API could not be reached');
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failed(`the GitHub API answered HTTP ${response.status}`);
    }
    const body = (await response.json().catch(() => undefined)) as
      { token?: unknown; expires_at?: unknown } | undefined;
    if (typeof body?.token !== 'string' || body.token === '') throw failed('the GitHub API returned no token');
    const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN;
    return { token: body.token, expiresAt: Number.isNaN(expiresAt) ? Date.now() + 10 * 60_000 : expiresAt };
  }
}
