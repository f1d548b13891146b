// Whether a repository can be read with the credentials about to be saved:
// ls-remote for Git, index.yaml for Helm, as Argo CD checks before it saves a
// repository. OCI registries have nothing to read without a chart name and
// pass unchecked, as in Argo CD. The error names what failed, never a
// credential. Used by the server (with its egress policy) and by the CLI's
// direct mode.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartCache, ChartError } from '../charts';
import { urlForDisplay } from '../../common/url-for-display';
import { type RepositorySecretInput } from '../credentials/repository-secret-spec';
import { type Egress } from '../egress/checked-lookup';
import { GitCache, isGitError } from '../git';

export interface AccessCheckOptions {
  allowFileUrls: boolean;
  /** Networks the check may reach (checked on resolved addresses); without it, anywhere. */
  egress?: Egress;
  knownHosts?: string;
  tlsCerts?: Record<string, string>;
  timeoutMs?: number;
}

/** The repository could not be read; `message` is safe to show. */
export class RepositoryUnreachable extends Error {
  constructor(url: string, reason: string) {
    super(`cannot reach ${urlForDisplay(url)}: ${reason} — nothing was saved`);
    this.name = 'RepositoryUnreachable';
  }
}

export async function checkRepositoryAccess(input: RepositorySecretInput, options: AccessCheckOptions): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'driftless-repo-check-'));
  const credentials = { ...input, type: input.type ?? 'git', source: 'request', credentialsFrom: 'request' };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const egress = options.egress ? { egress: options.egress } : {};
  const charts = new ChartCache({ root, timeoutMs, ...egress });
  try {
    if (credentials.type === 'git')
      await new GitCache({
        root,
        allowFileUrls: options.allowFileUrls,
        lsRemoteCacheMs: 0,
        timeoutMs,
        ...egress,
      }).resolveRevision(
        {
          url: input.url,
          credentials,
          ...(options.knownHosts ? { knownHosts: options.knownHosts } : {}),
          ...(options.tlsCerts ? { tlsCerts: options.tlsCerts } : {}),
        },
        'HEAD',
      );
    else
      await charts.checkRepository({
        url: input.url,
        credentials,
        ...(options.tlsCerts ? { tlsCerts: options.tlsCerts } : {}),
      });
  } catch (error) {
    const known = isGitError(error) || error instanceof ChartError;
    throw new RepositoryUnreachable(input.url, known ? error.message : 'the check failed');
  } finally {
    await charts.close();
    await rm(root, { recursive: true, force: true });
  }
}
