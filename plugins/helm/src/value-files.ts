// Where a Helm value file (or file parameter) comes from, decided before helm
// runs, with Argo CD's rules (reposerver getResolvedValueFiles and
// ResolveValueFilePathOrUrl): `$ref/…` reads the source with that ref;
// anything with a URL scheme must use an allowed scheme; everything else is a
// path relative to the app path (absolute = relative to the repository root)
// that must stay inside the repository.
import { envsubst } from '@driftless/render-kit';
import { joinInside } from './repo-path';

export type ValueFileSource =
  /** A file in this source's repository, by repo-relative path. */
  | { kind: 'local'; path: string }
  /** A file in the workspace of the source with `ref: name`; `path` is relative to its root. */
  | { kind: 'ref'; ref: string; path: string }
  /** An http(s) URL (allowed by `helm.valuesFileSchemes`). */
  | { kind: 'remote'; url: string };

export interface ValueFileContext {
  /** The app path, relative to the repository root. */
  appPath: string;
  /** Argo CD's build environment, for `$VAR` substitution. */
  env: Readonly<Record<string, string>>;
  /** Lower-case URL schemes allowed for remote value files. */
  allowedSchemes: readonly string[];
  /** The ref names this call's sources carry (`$name/…`). */
  refs: ReadonlySet<string>;
}

export class ValueFileError extends Error {
  override name = 'ValueFileError';
}

/** Argo CD's default for `helm.valuesFileSchemes`. */
export const defaultValuesFileSchemes = ['https', 'http'];

/**
 * The schemes `helm.valuesFileSchemes` allows: the default when the key is
 * absent, none when it is set to an empty string.
 */
export function allowedSchemes(setting: string | undefined): string[] {
  if (setting === undefined) return defaultValuesFileSchemes;
  return setting
    .split(',')
    .map((scheme) => scheme.trim().toLowerCase())
    .filter(Boolean);
}

/** Go's url.Parse scheme: a letter, then letters, digits, `+`, `-`, `.`, then `:`. */
const urlScheme = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const refPrefix = /^\$([^/]+)(?:\/|$)/;

/** A value file as it may appear in a message: URL credentials hidden. */
export function shownValueFile(raw: string): string {
  return raw.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@]*@/, '$1***@').slice(0, 300);
}

/** The `$name` a value file starts with, if any (whether or not it names a ref). */
export function refNameOf(raw: string): string | undefined {
  return refPrefix.exec(raw)?.[1];
}

/** `what` names the entry in messages (default: `value file "<raw>"`). */
export function resolveValueFile(
  raw: string,
  context: ValueFileContext,
  what = `value file "${shownValueFile(raw)}"`,
): ValueFileSource {
  const ref = refNameOf(raw);
  if (ref !== undefined && context.refs.has(ref)) {
    // As Argo CD: the ref is resolved first, then the rest is substituted and
    // taken relative to that source's root.
    const rest = envsubst(raw.slice(ref.length + 1), context.env);
    const path = joinInside('.', rest.replace(/^\/+/, ''));
    if (path === undefined) throw new ValueFileError(`${what} resolves outside the repository of source $${ref}`);
    return { kind: 'ref', ref, path };
  }
  const substituted = envsubst(raw, context.env);
  const scheme = urlScheme.exec(substituted)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!context.allowedSchemes.includes(scheme)) {
      const allowed = context.allowedSchemes.length ? context.allowedSchemes.join(', ') : 'none';
      throw new ValueFileError(
        `${what}: the URL scheme "${scheme}" is not allowed (helm.valuesFileSchemes allows ${allowed})`,
      );
    }
    return { kind: 'remote', url: substituted };
  }
  const path = joinInside(context.appPath, substituted);
  if (path === undefined) throw new ValueFileError(`${what} resolves outside the repository`);
  return { kind: 'local', path };
}
