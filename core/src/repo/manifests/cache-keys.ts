// Cache keys of rendered manifests. Two levels:
// - the revision key: everything the render reads, with the commit — a hit
//   needs no checkout at all;
// - the content key: the same, but with the git object hash of the app
//   directory instead of the commit — so a commit that does not touch an app
//   finds the render of an earlier commit (the entry lists further
//   dependencies to re-check).
// Keys are hashes of canonical JSON; credentials are never part of them. Pure.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json';

export interface RenderIdentity {
  repoURL: string;
  path: string;
  /** `id@version` of every active renderer: an upgrade of one invalidates what it may have rendered. */
  renderers: string[];
  /** The source blocks and chart fields that change the output. */
  source: unknown;
  /** The app fields renderers and tracking read. */
  app: unknown;
  settings: Record<string, string>;
  refRevisions: Record<string, string>;
}

export { canonicalJson };

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function revisionKey(identity: RenderIdentity, revision: string): string {
  return sha256(canonicalJson({ v: 1, identity, revision }));
}

export function contentKey(identity: RenderIdentity, appPathHash: string): string {
  return sha256(canonicalJson({ v: 1, identity, appPathHash }));
}
