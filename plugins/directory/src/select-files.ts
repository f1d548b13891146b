// Which files of the app directory are manifests, as Argo CD picks them:
// names ending .yaml/.yml/.json/.jsonnet; `exclude` then `include` globs
// matched against the path relative to the app path (`*` crosses `/`,
// `{a,b}` alternates); YAML and JSON sizes summed against the cap before
// any file is read; Jsonnet files are not counted.
import { globMatch } from '@driftless/glob';
import { type WorkspaceFile } from '@driftless/plugin-sdk';

export interface ManifestFile {
  /** Relative to the workspace root. */
  path: string;
  /** Relative to the app path, as include/exclude see it. */
  relativePath: string;
  jsonnet: boolean;
}

export interface Selection {
  include: string;
  exclude: string;
  /** Largest combined size of YAML and JSON files in bytes; 0 for no limit. */
  maxCombinedBytes: number;
}

const manifestName = /\.(?:yaml|yml|json|jsonnet)$/;

/** The app path without `./`, duplicate or trailing slashes; `.` for the root. */
export function normalizeAppPath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return parts.length === 0 ? '.' : parts.join('/');
}

export function relativeToApp(appPath: string, path: string): string {
  return appPath === '.' ? path : path.startsWith(`${appPath}/`) ? path.slice(appPath.length + 1) : path;
}

/** Go's filepath.Walk order: directory entries sorted by name, byte-wise, segment by segment. */
export function compareWalkOrder(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

export class ManifestSizeError extends Error {}

export function selectManifestFiles(appPath: string, files: WorkspaceFile[], selection: Selection): ManifestFile[] {
  const selected: ManifestFile[] = [];
  let combined = 0;
  for (const file of [...files].sort((a, b) => compareWalkOrder(a.path, b.path))) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (!manifestName.test(name)) continue;
    const relativePath = relativeToApp(appPath, file.path);
    if (selection.exclude !== '' && globMatch(selection.exclude, relativePath)) continue;
    if (selection.include !== '' && !globMatch(selection.include, relativePath)) continue;
    const jsonnet = name.endsWith('.jsonnet');
    if (!jsonnet) {
      combined += file.size;
      if (selection.maxCombinedBytes !== 0 && combined > selection.maxCombinedBytes)
        throw new ManifestSizeError(
          `the manifests are larger than ${selection.maxCombinedBytes} bytes combined ` +
            `(reposerver.max.combined.directory.manifests.size), past "${file.path}"`,
        );
    }
    selected.push({ path: file.path, relativePath, jsonnet });
  }
  return selected;
}
