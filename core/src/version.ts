// What this build is, for `version` queries, metrics and logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PackageManifest {
  version: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as PackageManifest;

export interface BuildInfo {
  version: string;
  gitCommit: string;
  nodeVersion: string;
  platform: string;
}

export const buildInfo: BuildInfo = {
  version: manifest.version,
  gitCommit: process.env.DRIFTLESS_GIT_COMMIT ?? 'unknown',
  nodeVersion: process.version,
  platform: `${process.platform}/${process.arch}`,
};
