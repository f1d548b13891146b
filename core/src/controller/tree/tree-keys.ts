// Where the controller publishes an app's resource tree and managed resources
// and where the API reads them (Argo CD's `<app>|resources-tree` and
// `<app>|managed-resources` cache keys): one Redis key per app and kind of
// data, one pub/sub channel per app for tree deltas, all under the
// installation's prefix.
export interface TreeKeys {
  tree: string;
  managed: string;
  deltas: string;
}

/** `appKey` is `<app namespace>/<app name>`. */
export function treeKeys(controlNamespace: string, appKey: string): TreeKeys {
  const prefix = `driftless:${controlNamespace}:`;
  return {
    tree: `${prefix}app-tree:${appKey}`,
    managed: `${prefix}app-managed:${appKey}`,
    deltas: `${prefix}app-tree-deltas:${appKey}`,
  };
}

/**
 * Keys live this long without a write, so a deleted app's data goes away on
 * its own; the controller renews them well within it while the app exists.
 */
export const TREE_TTL_MS = 24 * 60 * 60 * 1000;
