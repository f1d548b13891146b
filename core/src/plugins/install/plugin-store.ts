// Installed plugins on disk: <dir>/<id>/<version>/ holds the package.json and
// the bundle; <dir>/state.json says which version is active, which one came
// before (for rollback), whether it is enabled, and what was granted.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_BUNDLE_PATH, PluginError, type Capabilities, type PluginPackageJson } from '@driftless/plugin-sdk';

export interface StoredVersion {
  packageName: string;
  integrity: string;
  resolved: string;
  installedAt: string;
}

export interface InstalledPlugin {
  id: string;
  active: string;
  previous?: string;
  enabled: boolean;
  grants: Capabilities;
  versions: Record<string, StoredVersion>;
  /** Set when a Plugin custom resource owns the installation (deleting it uninstalls). */
  managedBy?: 'PluginResource';
}

interface StoreState {
  plugins: Record<string, InstalledPlugin>;
}

export interface StoredPackage {
  packageJson: PluginPackageJson;
  source: string;
}

export class PluginStore {
  constructor(readonly dir: string) {}

  async list(): Promise<InstalledPlugin[]> {
    return Object.values((await this.state()).plugins).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<InstalledPlugin | undefined> {
    return (await this.state()).plugins[id];
  }

  async require(id: string): Promise<InstalledPlugin> {
    const plugin = await this.get(id);
    if (!plugin) throw new PluginError('PLUGIN_NOT_FOUND', `no plugin ${id} is installed — see driftless plugin list`);
    return plugin;
  }

  async writeVersion(packageJson: PluginPackageJson, source: string): Promise<void> {
    const dir = this.versionDir(packageJson.driftless.id, packageJson.version);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    const bundle = join(dir, packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH);
    await mkdir(dirname(bundle), { recursive: true });
    await writeFile(bundle, source);
  }

  async readVersion(id: string, version: string): Promise<StoredPackage> {
    const dir = this.versionDir(id, version);
    const packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PluginPackageJson;
    const source = await readFile(join(dir, packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH), 'utf8');
    return { packageJson, source };
  }

  async removeVersion(id: string, version: string): Promise<void> {
    await rm(this.versionDir(id, version), { recursive: true, force: true });
  }

  /** Read-modify-write of the state; the file is replaced atomically. */
  async update<T>(change: (plugins: Record<string, InstalledPlugin>) => T): Promise<T> {
    const state = await this.state();
    const result = change(state.plugins);
    await mkdir(this.dir, { recursive: true });
    const temporary = join(this.dir, `.state.${process.pid}.json`);
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
    await rename(temporary, join(this.dir, 'state.json'));
    return result;
  }

  private versionDir(id: string, version: string): string {
    // id and version are validated by the manifest schema (no / or ..).
    return join(this.dir, id, version);
  }

  private async state(): Promise<StoreState> {
    try {
      return JSON.parse(await readFile(join(this.dir, 'state.json'), 'utf8')) as StoreState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { plugins: {} };
      throw error;
    }
  }
}
