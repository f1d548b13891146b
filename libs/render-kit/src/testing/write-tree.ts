// Files for a sandbox spec's temporary workspace. Node-only: import it from
// specs, never from plugin code (plugins run in a bare V8 isolate).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Relative path → file content. */
export type FileTree = Record<string, string>;

/** Writes each file of `tree` under `root`, creating directories as needed. */
export async function writeTree(root: string, tree: FileTree): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}
