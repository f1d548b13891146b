// The kernel's Git transport and shared checkout cache.
export { GitCache, type CommitMetadata, type GitCacheOptions, type GitCheckout } from './git-cache';
export { GitError, isGitError, type GitErrorCode } from './git-error';
export type { GitRepoAccess } from './git-repo-access';
export type { ResolvedRevision } from './revision';
export { parseGitUrl, type GitUrl, type GitTransport } from './git-url';
