// Validates a plugin package.json against schema/plugin-manifest.schema.json
// and checks what a JSON Schema cannot: the contract range against this SDK's
// contract version.
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies, validRange } from 'semver';
import { CONTRACT_API_VERSION, CONTRACT_VERSION } from '../contracts/contract-version';
import { type ExtensionPoint } from '../contracts/extension-points';
import { PluginError } from '../errors';
import { type PluginPackageJson } from './manifest';

/**
 * The canonical schema is schema/plugin-manifest.schema.json in the repository;
 * the published package carries a copy next to its compiled code (see `build`).
 */
function manifestSchema(): object {
  const candidates = [
    join(__dirname, '..', 'plugin-manifest.schema.json'),
    join(__dirname, '..', '..', '..', 'schema', 'plugin-manifest.schema.json'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`plugin-manifest.schema.json not found (looked at ${candidates.join(', ')})`);
  return JSON.parse(readFileSync(found, 'utf8')) as object;
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
const validateSchema = ajv.compile<PluginPackageJson>(manifestSchema());

/** Returns the package as a typed plugin package or throws PLUGIN_INVALID_MANIFEST / PLUGIN_CONTRACT_MISMATCH. */
export function validatePluginPackage(packageJson: unknown, where = 'package.json'): PluginPackageJson {
  if (!validateSchema(packageJson)) {
    const problems = (validateSchema.errors ?? []).slice(0, 5).map((error) => {
      const path = error.instancePath === '' ? '(root)' : error.instancePath;
      const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
      return `${path} ${error.message ?? 'is invalid'}${extra}`;
    });
    throw new PluginError(
      'PLUGIN_INVALID_MANIFEST',
      `${where} is not a valid plugin package: ${problems.join('; ')} — see schema/plugin-manifest.schema.json`,
    );
  }
  assertContractSupported(packageJson);
  return packageJson;
}

export function assertContractSupported(pkg: PluginPackageJson, kernelContract = CONTRACT_VERSION): void {
  const range = pkg.driftless.contract;
  if (validRange(range) === null) {
    throw new PluginError(
      'PLUGIN_INVALID_MANIFEST',
      `contract "${range}" is not a semver range — write e.g. "^1.0.0"`,
      pluginRef(pkg),
    );
  }
  if (!satisfies(kernelContract, range)) {
    throw new PluginError(
      'PLUGIN_CONTRACT_MISMATCH',
      `needs contract ${range} but this kernel implements ${CONTRACT_API_VERSION} (${kernelContract}) — install a plugin version built for it`,
      pluginRef(pkg),
    );
  }
}

export function pluginRef(pkg: Pick<PluginPackageJson, 'version'> & { driftless: { id: string } }): string {
  return `${pkg.driftless.id}@${pkg.version}`;
}

/** The one extension point a manifest contributes to (the schema allows exactly one). */
export function contributedExtensionPoint(pkg: PluginPackageJson): ExtensionPoint {
  const [point] = Object.keys(pkg.driftless.contributes) as ExtensionPoint[];
  if (!point) throw new PluginError('PLUGIN_INVALID_MANIFEST', 'contributes names no extension point', pluginRef(pkg));
  return point;
}
