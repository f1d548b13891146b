// Keys, certificates and known_hosts go to git and ssh as files: 0600, in a
// fresh 0700 directory, removed when the git command is done.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialFilePaths } from './git-environment';

export type CredentialFileContents = { [name in keyof CredentialFilePaths]?: string };

export interface CredentialFiles {
  paths: CredentialFilePaths;
  dispose(): Promise<void>;
}

export async function writeCredentialFiles(
  tempRoot: string,
  contents: CredentialFileContents,
): Promise<CredentialFiles> {
  const entries = Object.entries(contents).filter((entry): entry is [keyof CredentialFilePaths, string] => !!entry[1]);
  if (entries.length === 0) return { paths: {}, dispose: () => Promise.resolve() };
  await mkdir(tempRoot, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(tempRoot, 'cred-'));
  const paths: CredentialFilePaths = {};
  try {
    for (const [name, content] of entries) {
      const file = join(dir, name);
      // ssh refuses a key without its final newline.
      await writeFile(file, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600, flag: 'wx' });
      paths[name] = file;
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { paths, dispose: () => rm(dir, { recursive: true, force: true }) };
}
