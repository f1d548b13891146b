/** Locating and reading the CRD manifests shipped in schema/crds. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * Absolute path of schema/crds. Resolved from this file, which sits in src/ (tests, ts-node) or
 * dist/ (built package): both are one level below the package directory.
 */
export const crdDirectory: string = resolve(__dirname, '..', 'crds');

/** The parsed CustomResourceDefinitions in schema/crds, in file-name order. Read from disk on each call. */
export function crdManifests(): object[] {
  return readdirSync(crdDirectory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => parse(readFileSync(join(crdDirectory, name), 'utf8')) as object);
}
