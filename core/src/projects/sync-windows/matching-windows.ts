// Which of a project's windows apply to an application, as Argo CD's SyncWindows.Matches decides.
// Each selector list is a set of gobwas globs without separators (`*` crosses `/`):
// `applications` against the app name, `clusters` against the destination server or name,
// `namespaces` against the destination namespace. An empty list takes no part in either mode.
// Default (OR): any non-empty list that matches selects the window. `andOperator`: every
// non-empty list must match. A window with all three lists empty selects nothing.
import { globMatch } from '@driftless/glob';
import { type SyncWindow } from '@driftless/schema';

export interface SyncWindowTarget {
  /** metadata.name of the Application (not namespace-qualified). */
  application: string;
  /** spec.destination.namespace. */
  namespace: string;
  /** spec.destination.server; empty when the destination names its cluster. */
  server: string;
  /** spec.destination.name, when the destination names its cluster. */
  clusterName?: string;
}

export function matchingWindows(windows: readonly SyncWindow[], target: SyncWindowTarget): SyncWindow[] {
  return windows.filter((window) => windowMatches(window, target));
}

export function windowMatches(window: SyncWindow, target: SyncWindowTarget): boolean {
  const verdicts = [
    listVerdict(window.applications, (pattern) => globMatch(pattern, target.application)),
    listVerdict(window.clusters, (pattern) => clusterMatches(pattern, target)),
    listVerdict(window.namespaces, (pattern) => globMatch(pattern, target.namespace)),
  ].filter((verdict) => verdict !== undefined);
  if (verdicts.length === 0) return false;
  return window.andOperator === true ? verdicts.every(Boolean) : verdicts.some(Boolean);
}

/** undefined when the list is empty: it neither selects nor rules out. */
function listVerdict(patterns: string[] | undefined, matches: (pattern: string) => boolean): boolean | undefined {
  return patterns === undefined || patterns.length === 0 ? undefined : patterns.some(matches);
}

// An empty server or name never matches, not even `*`: Argo CD skips the empty field.
function clusterMatches(pattern: string, { server, clusterName }: SyncWindowTarget): boolean {
  return (server !== '' && globMatch(pattern, server)) || (!!clusterName && globMatch(pattern, clusterName));
}
