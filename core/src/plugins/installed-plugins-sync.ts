// Keeps the plugin host in step with the plugin store: at start, and whenever
// `driftless plugin install|upgrade|rollback|enable|disable|uninstall` changes
// the store's state.json, the active version of each enabled plugin is loaded
// (with its grants), disabled ones are unloaded, removed ones are dropped.
import { Logger } from '@nestjs/common';
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { type PluginStore } from './install/plugin-store';
import { type PluginHost } from './plugin-host.service';

export class InstalledPluginsSync {
  private readonly logger = new Logger('PluginStore');
  /** id → what was applied (version, enabled, grants), to act only on changes. */
  private readonly applied = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: PluginHost,
    private readonly store: PluginStore,
  ) {}

  /** One sync at a time; a change during a sync triggers another. */
  sync(): Promise<void> {
    this.running = this.running
      .then(() => this.apply())
      .catch((error: unknown) => {
        this.logger.error(
          `syncing installed plugins failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    return this.running;
  }

  watch(): void {
    mkdirSync(this.store.dir, { recursive: true });
    this.watcher = watch(this.store.dir, (_event, file) => {
      if (file !== 'state.json') return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.sync(), 50);
    });
  }

  close(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
  }

  private async apply(): Promise<void> {
    const installed = await this.store.list();
    for (const plugin of installed) {
      const fingerprint = JSON.stringify([plugin.active, plugin.enabled, plugin.grants]);
      if (this.applied.get(plugin.id) === fingerprint) continue;
      this.applied.set(plugin.id, fingerprint);
      let stored: Awaited<ReturnType<PluginStore['readVersion']>> | undefined;
      try {
        stored = await this.store.readVersion(plugin.id, plugin.active);
        if (!plugin.enabled) {
          if (this.host.get(plugin.id)?.state === 'active') await this.host.deactivate(plugin.id);
          this.host.recordDisabled(stored.packageJson, 'installed', plugin.grants);
          continue;
        }
        await this.host.activate({
          packageJson: stored.packageJson,
          source: stored.source,
          grants: plugin.grants,
          origin: 'installed',
        });
      } catch (error) {
        if (stored) this.host.markFailed(plugin.id, plugin.active, 'installed', error, stored.packageJson);
        else
          this.logger.error(
            `installed plugin ${plugin.id}@${plugin.active} is unreadable: ${error instanceof Error ? error.message : String(error)}`,
          );
      }
    }
    const present = new Set(installed.map((plugin) => plugin.id));
    for (const id of [...this.applied.keys()].filter((known) => !present.has(known))) {
      this.applied.delete(id);
      if (this.host.get(id)?.state === 'active') await this.host.deactivate(id, 'removed');
      else this.host.forget(id);
    }
  }
}
