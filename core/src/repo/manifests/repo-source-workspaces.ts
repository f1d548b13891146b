// Sources as the generator sees them: Git repositories through the shared
// git cache, Helm charts (Helm repositories and OCI registries) through the
// chart cache. Credentials are resolved here, per URL, and never leave.
import { type ApplicationSource } from '@driftless/schema';
import { type ChartCache } from '../charts';
import { type GitCache } from '../git';
import { type RepoAccess } from '../repo-access.service';
import { type SourceWorkspaces } from './render-ports';

export class RepoSourceWorkspaces implements SourceWorkspaces {
  constructor(
    private readonly git: GitCache,
    private readonly charts: ChartCache,
    private readonly access: (url: string, project?: string) => Promise<RepoAccess>,
  ) {}

  async resolve(source: ApplicationSource, project?: string, options: { fresh?: boolean } = {}): Promise<string> {
    const access = await this.access(source.repoURL, project);
    if (source.chart) {
      const resolved = await this.charts.resolveVersion(chartAccess(access), source.chart, source.targetRevision ?? '');
      return resolved.version;
    }
    const resolved = await this.git.resolveRevision(gitAccess(access), source.targetRevision || 'HEAD', options);
    return resolved.commit;
  }

  async open(source: ApplicationSource, revision: string, project?: string): Promise<string> {
    const access = await this.access(source.repoURL, project);
    if (source.chart) {
      const chart = await this.charts.fetch(chartAccess(access), source.chart, revision, {
        passCredentials: source.helm?.passCredentials === true,
      });
      return chart.dir;
    }
    return (await this.git.checkout(gitAccess(access), revision)).dir;
  }

  async chart(
    repository: string,
    name: string,
    version: string,
    project?: string,
  ): Promise<{ dir: string; version: string }> {
    const access = chartAccess(await this.access(repository, project));
    const resolved = await this.charts.resolveVersion(access, name, version);
    const fetched = await this.charts.fetch(access, name, resolved.version);
    return { dir: fetched.dir, version: fetched.version };
  }

  async file(url: string, project?: string): Promise<Buffer | undefined> {
    const { tlsCerts } = await this.access(url, project);
    return this.charts.fetchFile({ url, tlsCerts });
  }

  async objectHashes(
    source: ApplicationSource,
    revision: string,
    paths: string[],
    project?: string,
  ): Promise<Record<string, string | null> | undefined> {
    if (source.chart) return undefined;
    const access = await this.access(source.repoURL, project);
    return this.git.objectHashes(gitAccess(access), revision, paths);
  }
}

function gitAccess(access: RepoAccess) {
  return {
    url: access.url,
    credentials: access.credentials,
    ...(access.knownHosts ? { knownHosts: access.knownHosts } : {}),
    tlsCerts: access.tlsCerts,
  };
}

function chartAccess(access: RepoAccess) {
  return { url: access.url, credentials: access.credentials, tlsCerts: access.tlsCerts };
}
