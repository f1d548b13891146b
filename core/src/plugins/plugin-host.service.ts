// The kernel's plugin host: loads built-in and installed plugins into the
// sandbox, keeps the registry of who answers what, and calls plugins for the
// rest of the kernel. Plugins fail their calls with named errors; the host
// itself keeps serving.
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  contributedExtensionPoint,
  defaultMaxima,
  effectiveGrants,
  PluginError,
  PluginSandbox,
  pluginRef,
  validatePluginPackage,
  type ActionDescription,
  type CallContext,
  type CallOutcome,
  type Capabilities,
  type ExtensionPoint,
  type HealthAssessment,
  type ImpactedResource,
  type InputOf,
  type KubeObject,
  type LoadRequest,
  type MethodOf,
  type NotifierInput,
  type NotifierOutput,
  type OutputOf,
  type PluginLogLine,
  type PluginPackageJson,
} from '@driftless/plugin-sdk';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { discoverBuiltinPlugins } from './builtin-discovery';
import { PluginStore } from './install/plugin-store';
import { InstalledPluginsSync } from './installed-plugins-sync';
import { PluginMetrics } from './plugin-metrics.service';
import { type PluginStatus } from './plugin-status';
import { PLUGINS_MODULE_OPTIONS, type PluginsModuleOptions } from './plugins.module-definition';
import { groupKindKey } from './registry/contribution-keys';
import { HealthOverrideIndex } from './health-overrides';
import { PluginRegistry, type PluginOrigin, type PluginConflict, type RegistryEntry } from './registry/plugin-registry';

export interface ActivateRequest {
  packageJson: unknown;
  source: string;
  grants: Capabilities;
  origin: PluginOrigin;
  /** Register now, load into the sandbox on the first call (built-in notifiers: most installs use few). */
  lazy?: boolean;
}

export interface DeliveryResult {
  plugin: string;
  output?: NotifierOutput;
  error?: string;
}

@Injectable()
export class PluginHost implements OnModuleInit, OnApplicationShutdown {
  readonly registry = new PluginRegistry();
  readonly sandbox: PluginSandbox;
  private readonly logger = new Logger('PluginHost');
  private readonly statuses = new Map<string, PluginStatus>();
  private readonly problems: string[] = [];
  private installedSync: InstalledPluginsSync | undefined;
  private readonly healthOverrides = new HealthOverrideIndex();
  /** Registered but not loaded yet (`lazy`), by `id@version`. */
  private readonly pendingLoads = new Map<string, LoadRequest>();
  private readonly lazyLoading = new Map<string, Promise<void>>();

  constructor(
    @Inject(PLUGINS_MODULE_OPTIONS) private readonly options: PluginsModuleOptions,
    private readonly metrics: PluginMetrics,
    // Optional: the offline CLI commands build a host without the kernel's configuration.
    @Optional() @Inject(KERNEL_CONFIG) config?: KernelConfig,
  ) {
    this.sandbox = new PluginSandbox({
      size: options.runners ?? 2,
      ...(config?.pluginRunnerSocket ? { runnerSocket: config.pluginRunnerSocket } : {}),
      ...(options.toolDirs ? { toolDirs: options.toolDirs } : {}),
      maxima: { ...defaultMaxima, ...options.maxima },
      onCall: (event) => metrics.observe(event),
      onRestart: (event) => {
        metrics.runnerRestarts.inc();
        this.logger.warn(
          `plugin runner ${event.slot} restarted in ${Math.round(event.ms)} ms (pid ${String(event.pid)})`,
        );
      },
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.options.builtinsDir) await this.loadBuiltins(this.options.builtinsDir);
    if (this.options.storeDir) {
      // Installed plugins, kept in step with the store as `driftless plugin …` changes it.
      this.installedSync = new InstalledPluginsSync(this, new PluginStore(this.options.storeDir));
      await this.installedSync.sync();
      this.installedSync.watch();
    }
  }

  /**
   * Stops the sandbox last, at application shutdown: the workers that call
   * plugins (refresh, sync, manifests) stop in onModuleDestroy, before it.
   */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.installedSync?.close();
    await this.sandbox.stop();
  }

  list(): PluginStatus[] {
    return [...this.statuses.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): PluginStatus | undefined {
    return this.statuses.get(id);
  }

  /** Packages under the built-ins folder that look like plugins but could not be read (no id to list them by). */
  loadProblems(): string[] {
    return [...this.problems];
  }

  conflicts(): PluginConflict[] {
    return this.registry.conflicts();
  }

  /**
   * Validates a plugin package, loads its bundle into the sandbox (replacing
   * another version of the same id) and registers its contributions.
   */
  async activate(request: ActivateRequest): Promise<PluginStatus> {
    const packageJson = validatePluginPackage(request.packageJson);
    const { id } = packageJson.driftless;
    const extensionPoint = contributedExtensionPoint(packageJson);
    const grants = effectiveGrants(packageJson.driftless.capabilities, request.grants);
    const key = pluginRef(packageJson);
    const load: LoadRequest = {
      key,
      extensionPoint,
      source: request.source,
      grants,
      // A third party's plugin runs in a process of its own: whatever kills it leaves the rest running.
      isolation: request.origin === 'builtin' ? 'shared' : 'dedicated',
      ...(packageJson.driftless.limits ? { limits: packageJson.driftless.limits } : {}),
    };
    let coldStartMs: number | undefined;
    if (request.lazy) this.pendingLoads.set(key, load);
    else ({ coldStartMs } = await this.sandbox.load(load));
    const previous = this.statuses.get(id);
    if (previous && previous.version !== packageJson.version) await this.sandbox.unload(`${id}@${previous.version}`);
    const precedence = packageJson.driftless.precedence ?? 0;
    this.registry.set({
      id,
      version: packageJson.version,
      key,
      extensionPoint,
      precedence,
      contributes: packageJson.driftless.contributes,
      origin: request.origin,
    });
    const status: PluginStatus = {
      id,
      version: packageJson.version,
      extensionPoint,
      origin: request.origin,
      state: 'active',
      precedence,
      grants,
      ...(coldStartMs !== undefined ? { coldStartMs } : {}),
      packageJson,
    };
    this.statuses.set(id, status);
    for (const conflict of this.registry
      .conflicts()
      .filter((found) => found.winner === id || found.shadowed.includes(id))) {
      this.logger.warn(
        `plugins ${[conflict.winner, ...conflict.shadowed].join(', ')} all claim ${conflict.extensionPoint} ${conflict.key}; ${conflict.winner} wins${conflict.tie ? ' (equal precedence: by id — set precedence to decide)' : ' by precedence'}`,
      );
    }
    return status;
  }

  /** Stops routing calls to a plugin and frees its isolate; it stays listed as disabled. */
  async deactivate(id: string, state: 'disabled' | 'removed' = 'disabled'): Promise<void> {
    const status = this.statuses.get(id);
    if (!status) throw new PluginError('PLUGIN_NOT_FOUND', `no plugin ${id} is loaded — see driftless plugin list`);
    this.registry.delete(id);
    this.pendingLoads.delete(`${id}@${status.version}`);
    await this.sandbox.unload(`${id}@${status.version}`);
    if (state === 'removed') this.statuses.delete(id);
    else this.statuses.set(id, { ...status, state: 'disabled' });
  }

  /** Loads a plugin registered lazily, once (concurrent first calls share the load). */
  private async loadPending(key: string): Promise<void> {
    const load = this.pendingLoads.get(key);
    if (!load) return;
    let loading = this.lazyLoading.get(key);
    if (!loading) {
      loading = this.sandbox.load(load).then((result) => {
        this.pendingLoads.delete(key);
        const id = key.slice(0, key.lastIndexOf('@'));
        const status = this.statuses.get(id);
        if (status) this.statuses.set(id, { ...status, coldStartMs: result.coldStartMs });
      });
      this.lazyLoading.set(key, loading);
      void loading.then(
        () => this.lazyLoading.delete(key),
        () => this.lazyLoading.delete(key),
      );
    }
    await loading;
  }

  /** Calls one plugin by id. */
  async invoke<P extends ExtensionPoint, M extends MethodOf<P>>(
    id: string,
    method: M,
    input: InputOf<P, M>,
    context: CallContext = {},
  ): Promise<CallOutcome<OutputOf<P, M>>> {
    const status = this.statuses.get(id);
    if (!status) throw new PluginError('PLUGIN_NOT_FOUND', `no plugin ${id} is installed — see driftless plugin list`);
    if (status.state !== 'active')
      throw new PluginError('PLUGIN_DISABLED', `is ${status.state}`, `${id}@${status.version}`);
    await this.loadPending(`${id}@${status.version}`);
    const outcome = await this.sandbox.call<P, M>(`${id}@${status.version}`, method, input, context);
    this.writeLogs(`${id}@${status.version}`, outcome.logs);
    return outcome;
  }

  /**
   * Health of many objects: grouped by the plugin that answers each group/Kind
   * (first match), one batched call per plugin. `undefined` where no plugin
   * covers the kind or the plugin says the object has no health; a failing
   * plugin yields Unknown with its error for its objects.
   */
  /**
   * Health is first match per object: the plugin the registry routes its
   * group/Kind to — except that an object with a user Lua override in argocd-cm
   * goes to the plugin that applies overrides, because in Argo CD a user's
   * override wins over any built-in rule. One batched call per plugin.
   */
  async assessHealth(
    objects: KubeObject[],
    options: { resourceOverrides?: Record<string, string> } = {},
  ): Promise<(HealthAssessment | undefined)[]> {
    const results: (HealthAssessment | undefined)[] = new Array<HealthAssessment | undefined>(objects.length).fill(
      undefined,
    );
    const overrides = this.healthOverrides.for(options.resourceOverrides);
    const overridePlugin = overrides && this.registry.luaOverridePlugin('health');
    const batches = new Map<string, number[]>();
    objects.forEach((object, index) => {
      const plugin =
        overridePlugin && overrides?.healthScriptFor(object)
          ? overridePlugin
          : this.registry.lookup('health', groupKindKey(object.apiVersion, object.kind));
      if (plugin) batches.set(plugin.id, [...(batches.get(plugin.id) ?? []), index]);
    });
    await Promise.all(
      [...batches].map(async ([id, indexes]) => {
        try {
          const { output } = await this.invoke<'health', 'assess'>(id, 'assess', {
            objects: indexes.map((index) => objects[index] as KubeObject),
            ...(options.resourceOverrides ? { resourceOverrides: options.resourceOverrides } : {}),
          });
          // null: the plugin says the object has no health of its own.
          indexes.forEach((objectIndex, position) => (results[objectIndex] = output.results[position] ?? undefined));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          for (const index of indexes) results[index] = { status: 'Unknown', message };
        }
      }),
    );
    return results;
  }

  /**
   * Resource actions of one object: from the plugin that runs argocd-cm Lua
   * actions when argocd-cm defines actions for the object's kind (a user's
   * actions win, as in Argo CD), else from the plugin its group/Kind routes to.
   * No plugin → no actions.
   */
  async listActions(
    object: KubeObject,
    options: { resourceOverrides?: Record<string, string> } = {},
  ): Promise<ActionDescription[]> {
    const plugin = this.actionPluginFor(object, options.resourceOverrides);
    if (!plugin) return [];
    const { output } = await this.invoke<'action', 'list'>(plugin.id, 'list', {
      object,
      ...(options.resourceOverrides ? { resourceOverrides: options.resourceOverrides } : {}),
    });
    return output.actions;
  }

  /** Runs an action; what it returns is for the caller to apply, in order. */
  async runAction(
    object: KubeObject,
    action: string,
    parameters: Record<string, string>,
    options: { resourceOverrides?: Record<string, string> } = {},
  ): Promise<ImpactedResource[]> {
    const plugin = this.actionPluginFor(object, options.resourceOverrides);
    if (!plugin) {
      throw new PluginError(
        'PLUGIN_NOT_FOUND',
        `no plugin offers actions for ${groupKindKey(object.apiVersion, object.kind)}`,
      );
    }
    const { output } = await this.invoke<'action', 'run'>(plugin.id, 'run', {
      object,
      action,
      parameters,
      ...(options.resourceOverrides ? { resourceOverrides: options.resourceOverrides } : {}),
    });
    return output.impacted;
  }

  private actionPluginFor(
    object: KubeObject,
    resourceOverrides: Record<string, string> | undefined,
  ): RegistryEntry | undefined {
    const overrides = this.healthOverrides.for(resourceOverrides);
    if (overrides?.overrideFor(object)?.actions) {
      const plugin = this.registry.luaOverridePlugin('action');
      if (plugin) return plugin;
    }
    return this.registry.lookup('action', groupKindKey(object.apiVersion, object.kind));
  }

  /** Notifier fan-out is parallel: every plugin serving the service is called; one failing does not stop the others. */
  async deliverNotification(input: NotifierInput, context: CallContext = {}): Promise<DeliveryResult[]> {
    const plugins = this.registry.matching('notifier', input.service);
    if (plugins.length === 0) {
      throw new PluginError(
        'PLUGIN_NOT_FOUND',
        `no notifier plugin serves "${input.service}" — install one (driftless plugin install)`,
      );
    }
    return Promise.all(
      plugins.map(async (plugin): Promise<DeliveryResult> => {
        try {
          const { output } = await this.invoke<'notifier', 'deliver'>(plugin.id, 'deliver', input, context);
          return { plugin: plugin.key, output };
        } catch (error) {
          return { plugin: plugin.key, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }

  private async loadBuiltins(dir: string): Promise<void> {
    const discovery = await discoverBuiltinPlugins(dir);
    for (const problem of discovery.problems) {
      this.problems.push(problem);
      this.logger.error(`built-in plugin not loaded: ${problem}`);
    }
    for (const plugin of discovery.plugins) {
      try {
        // Built-ins ship with the kernel: they get what they request. Notifiers load on first use:
        // the notification controller runs its own instance per configured service.
        await this.activate({
          packageJson: plugin.packageJson,
          source: plugin.source,
          grants: plugin.packageJson.driftless.capabilities ?? {},
          origin: 'builtin',
          lazy: contributedExtensionPoint(validatePluginPackage(plugin.packageJson)) === 'notifier',
        });
      } catch (error) {
        this.markFailed(
          plugin.packageJson.driftless.id,
          plugin.packageJson.version,
          'builtin',
          error,
          plugin.packageJson,
        );
      }
    }
  }

  /** Drops a plugin that is not loaded from the list. */
  forget(id: string): void {
    if (this.statuses.get(id)?.state !== 'active') this.statuses.delete(id);
  }

  /** Lists a plugin as disabled (installed but not loaded). */
  recordDisabled(packageJson: PluginPackageJson, origin: PluginOrigin, grants: Capabilities): void {
    this.statuses.set(packageJson.driftless.id, this.statusOf(packageJson, origin, 'disabled', grants));
  }

  markFailed(
    id: string,
    version: string,
    origin: PluginOrigin,
    error: unknown,
    packageJson: PluginStatus['packageJson'],
  ): void {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`plugin ${id}@${version} not loaded: ${message}`);
    this.statuses.set(id, { ...this.statusOf(packageJson, origin, 'failed', {}), version, error: message });
  }

  private statusOf(
    packageJson: PluginPackageJson,
    origin: PluginOrigin,
    state: PluginStatus['state'],
    grants: Capabilities,
  ): PluginStatus {
    return {
      id: packageJson.driftless.id,
      version: packageJson.version,
      extensionPoint: Object.keys(packageJson.driftless.contributes)[0] ?? 'unknown',
      origin,
      state,
      precedence: packageJson.driftless.precedence ?? 0,
      grants,
      packageJson,
    };
  }

  private writeLogs(plugin: string, lines: PluginLogLine[]): void {
    for (const line of lines) {
      const text = `[${plugin}] ${line.message}${line.fields ? ` ${JSON.stringify(line.fields)}` : ''}`;
      if (line.level === 'error') this.logger.error(text);
      else if (line.level === 'warn') this.logger.warn(text);
      else this.logger.log(text);
    }
  }
}
