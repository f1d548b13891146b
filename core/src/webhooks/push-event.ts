// What a provider's push payload says, reduced to what matching Applications needs. Providers
// parse their own payloads into this; nothing after parsing looks at provider JSON again.

export type ProviderName = 'github' | 'gitlab' | 'bitbucket' | 'bitbucketserver' | 'gogs' | 'azuredevops';

/** Which kind of ref a push moved: a tag push never refreshes apps that follow a branch of that name. */
export type RefKind = 'branch' | 'tag' | 'other';

export interface PushEvent {
  provider: ProviderName;
  /** The repository's web and clone URLs as the payload gives them (at least one). */
  repoUrls: string[];
  /** Branch or tag name, without `refs/heads/` or `refs/tags/`. */
  revision: string;
  refKind: RefKind;
  /** The push moved the default branch: apps following HEAD (or no revision) refresh. */
  touchedHead: boolean;
  /**
   * Files the pushed commits added, modified or removed, relative to the repository root;
   * undefined when the payload does not list them all (then every matching app refreshes).
   */
  changedFiles: string[] | undefined;
}

/** The outcome of parsing a verified request body. */
export type ParsedPayload =
  | { kind: 'push'; event: PushEvent }
  /** A well-formed event that asks for nothing (a ping, another event type): answered 200. */
  | { kind: 'ignored'; reason: string }
  /** Not JSON, or a push without the fields a refresh needs: answered 400, nothing queued. */
  | { kind: 'invalid'; reason: string };

/** `refs/heads/main` → main (branch), `refs/tags/v1` → v1 (tag); anything else is kept as it is. */
export function parseRef(ref: string): { revision: string; refKind: RefKind } {
  if (ref.startsWith('refs/heads/')) return { revision: ref.slice('refs/heads/'.length), refKind: 'branch' };
  if (ref.startsWith('refs/tags/')) return { revision: ref.slice('refs/tags/'.length), refKind: 'tag' };
  return { revision: ref, refKind: 'other' };
}

export function ignored(reason: string): ParsedPayload {
  return { kind: 'ignored', reason };
}

export function invalid(reason: string): ParsedPayload {
  return { kind: 'invalid', reason };
}
