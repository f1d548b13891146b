// Installation as a sequence of checks, each failing with a named error:
// fetch → verify integrity → unpack safely → validate manifest and contract →
// check the admin granted every requested capability → verify the bundle
// loads in the sandbox → store → record. Upgrade keeps the previous version
// for rollback. No Nest here: the CLI uses it offline, the kernel in-process.
import {
  DEFAULT_BUNDLE_PATH,
  PluginError,
  describeCapabilities,
  pluginRef,
  ungrantedCapabilities,
  validatePluginPackage,
  type Capabilities,
  type PluginPackageJson,
} from '@driftless/plugin-sdk';
import { fetchPackage } from './fetch-package';
import { parsePackageSpec } from './package-spec';
import { type InstalledPlugin, type PluginStore } from './plugin-store';
import { readPackageTarball } from './safe-tar';

export interface InspectedPackage {
  packageJson: PluginPackageJson;
  source: string;
  integrity: string;
  resolved: string;
  /** Requested capabilities, one readable line each: what an admin is asked to grant. */
  requested: string[];
}

export interface InstallOptions {
  registry: string;
  /** Pinned integrity the package must match. */
  integrity?: string;
  /** What the admin grants; must cover every requested capability. */
  grants: Capabilities;
}

/** Loads a plugin to prove its bundle works before it is recorded (the kernel's sandbox, or a throwaway one). */
export type BundleVerifier = (packageJson: PluginPackageJson, source: string, grants: Capabilities) => Promise<void>;

export class PluginInstaller {
  constructor(
    private readonly store: PluginStore,
    private readonly verify: BundleVerifier,
  ) {}

  async inspect(spec: string, options: Omit<InstallOptions, 'grants'>): Promise<InspectedPackage> {
    const fetched = await fetchPackage(parsePackageSpec(spec), {
      registry: options.registry,
      ...(options.integrity ? { integrity: options.integrity } : {}),
    });
    const files = readPackageTarball(fetched.tarball);
    const rawPackageJson = files.get('package.json');
    if (!rawPackageJson) throw new PluginError('PLUGIN_INVALID_MANIFEST', `${fetched.resolved} has no package.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawPackageJson.toString('utf8'));
    } catch {
      throw new PluginError('PLUGIN_INVALID_MANIFEST', `the package.json of ${fetched.resolved} is not JSON`);
    }
    const packageJson = validatePluginPackage(parsed, `package.json of ${fetched.resolved}`);
    const bundlePath = packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH;
    const bundle = files.get(bundlePath);
    if (!bundle) {
      throw new PluginError(
        'PLUGIN_INVALID_BUNDLE',
        `the package has no ${bundlePath} — build it (driftless-plugin build) before packing`,
        pluginRef(packageJson),
      );
    }
    return {
      packageJson,
      source: bundle.toString('utf8'),
      integrity: fetched.integrity,
      resolved: fetched.resolved,
      requested: describeCapabilities(packageJson.driftless.capabilities),
    };
  }

  async install(spec: string, options: InstallOptions): Promise<InstalledPlugin> {
    const inspected = await this.inspect(spec, options);
    const { id } = inspected.packageJson.driftless;
    const existing = await this.store.get(id);
    if (existing && existing.active !== inspected.packageJson.version) {
      throw new PluginError(
        'PLUGIN_INVALID_MANIFEST',
        `${id} is installed at ${existing.active} already — use driftless plugin upgrade`,
        pluginRef(inspected.packageJson),
      );
    }
    return this.record(inspected, options.grants, undefined);
  }

  /**
   * Installs, or upgrades when installed, what `spec` resolves to — the
   * declarative path (Plugin resources): one fetch, and the package must be
   * the plugin `expectedId`.
   */
  async apply(
    spec: string,
    options: InstallOptions,
    expectedId: string,
  ): Promise<InstalledPlugin & { requested: string[] }> {
    const inspected = await this.inspect(spec, options);
    if (inspected.packageJson.driftless.id !== expectedId) {
      throw new PluginError(
        'PLUGIN_INVALID_MANIFEST',
        `${spec} is plugin ${inspected.packageJson.driftless.id}, not ${expectedId} — name the Plugin resource after the plugin id`,
      );
    }
    const current = await this.store.get(expectedId);
    const previous = current && current.active !== inspected.packageJson.version ? current.active : current?.previous;
    const recorded = await this.record(inspected, options.grants, previous);
    return { ...recorded, requested: inspected.requested };
  }

  /** Installs another version of an installed plugin and activates it; the current one is kept for rollback. */
  async upgrade(
    id: string,
    spec: string,
    options: Omit<InstallOptions, 'grants'> & { grants?: Capabilities },
  ): Promise<InstalledPlugin> {
    const current = await this.store.require(id);
    const inspected = await this.inspect(spec, options);
    if (inspected.packageJson.driftless.id !== id) {
      throw new PluginError(
        'PLUGIN_INVALID_MANIFEST',
        `${spec} is plugin ${inspected.packageJson.driftless.id}, not ${id}`,
      );
    }
    return this.record(
      inspected,
      options.grants ?? current.grants,
      current.active === inspected.packageJson.version ? current.previous : current.active,
    );
  }

  /** Makes the previous version active again (and the current one the previous). */
  async rollback(id: string): Promise<{ plugin: InstalledPlugin; packageJson: PluginPackageJson; source: string }> {
    const current = await this.store.require(id);
    if (!current.previous) throw new PluginError('PLUGIN_NOT_FOUND', `${id} has no previous version to roll back to`);
    const stored = await this.store.readVersion(id, current.previous);
    this.assertGranted(stored.packageJson, current.grants);
    await this.verify(stored.packageJson, stored.source, current.grants);
    const plugin = await this.store.update((plugins) => {
      const entry = plugins[id];
      if (!entry?.previous) throw new PluginError('PLUGIN_NOT_FOUND', `${id} has no previous version to roll back to`);
      [entry.active, entry.previous] = [entry.previous, entry.active];
      return entry;
    });
    return { plugin, ...stored };
  }

  async setEnabled(id: string, enabled: boolean, managedBy?: InstalledPlugin['managedBy']): Promise<InstalledPlugin> {
    await this.store.require(id);
    return this.store.update((plugins) => {
      const entry = plugins[id] as InstalledPlugin;
      entry.enabled = enabled;
      if (managedBy) entry.managedBy = managedBy;
      return entry;
    });
  }

  async uninstall(id: string): Promise<InstalledPlugin> {
    const current = await this.store.require(id);
    await this.store.update((plugins) => {
      delete plugins[id];
    });
    for (const version of Object.keys(current.versions)) await this.store.removeVersion(id, version);
    return current;
  }

  private assertGranted(packageJson: PluginPackageJson, grants: Capabilities): void {
    const missing = ungrantedCapabilities(packageJson.driftless.capabilities, grants);
    if (missing.length > 0) {
      throw new PluginError(
        'PLUGIN_GRANT_REQUIRED',
        `requests ${missing.join(', ')}, which ${missing.length === 1 ? 'was' : 'were'} not granted — review and grant with --grant (or --grant-all)`,
        pluginRef(packageJson),
      );
    }
  }

  private async record(
    inspected: InspectedPackage,
    grants: Capabilities,
    previous: string | undefined,
  ): Promise<InstalledPlugin> {
    const { packageJson, source } = inspected;
    this.assertGranted(packageJson, grants);
    await this.verify(packageJson, source, grants);
    await this.store.writeVersion(packageJson, source);
    const { id } = packageJson.driftless;
    return this.store.update((plugins) => {
      const entry: InstalledPlugin = plugins[id] ?? {
        id,
        active: packageJson.version,
        enabled: true,
        grants,
        versions: {},
      };
      entry.versions[packageJson.version] = {
        packageName: packageJson.name,
        integrity: inspected.integrity,
        resolved: inspected.resolved,
        installedAt: new Date().toISOString(),
      };
      entry.active = packageJson.version;
      entry.grants = grants;
      if (previous && previous !== packageJson.version) entry.previous = previous;
      plugins[id] = entry;
      return entry;
    });
  }
}
