// Calls notifier plugins. A built-in notifier (plugins/notifier-*) is loaded once per configured
// service, granted only that service's hosts and secrets (service-grants.ts), so a webhook service
// can reach its own url and nothing else; it is reloaded when the service's grants change. A
// service type no built-in serves goes to installed plugins through the plugin host, with the grants
// an admin gave them at installation.
import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { PluginError, type NotifierInput, type NotifierOutput, type PluginPackageJson } from '@driftless/plugin-sdk';
import { defaultBuiltinsDir, discoverBuiltinPlugins } from '../../plugins/builtin-discovery';
import { type PluginHost } from '../../plugins/plugin-host.service';
import { type ServiceConfig } from '../config/notification-config';
import { serviceGrants } from './service-grants';

interface BuiltinNotifier {
  packageJson: PluginPackageJson;
  source: string;
}

export interface NotifierCall {
  service: ServiceConfig;
  networks: readonly ('loopback' | 'private')[];
  timeoutMs: number;
  input: NotifierInput;
}

export class NotifierRunner {
  private readonly logger = new Logger('Notifications');
  private builtins: Promise<Map<string, BuiltinNotifier>> | undefined;
  /** Loaded key per service name. */
  private readonly loaded = new Map<string, Promise<string>>();

  constructor(
    private readonly host: PluginHost,
    private readonly builtinsDir = defaultBuiltinsDir(),
  ) {}

  private builtinNotifiers(): Promise<Map<string, BuiltinNotifier>> {
    this.builtins ??= discoverBuiltinPlugins(this.builtinsDir).then((discovery) => {
      const byType = new Map<string, BuiltinNotifier>();
      for (const plugin of discovery.plugins) {
        for (const type of plugin.packageJson.driftless.contributes.notifier?.services ?? []) {
          byType.set(type, { packageJson: plugin.packageJson, source: plugin.source });
        }
      }
      return byType;
    });
    return this.builtins;
  }

  /** Whether any plugin serves the service type. */
  async serves(type: string): Promise<boolean> {
    return (await this.builtinNotifiers()).has(type) || this.host.registry.matching('notifier', type).length > 0;
  }

  async deliver(call: NotifierCall): Promise<NotifierOutput> {
    const context = { secrets: call.service.secrets };
    const builtin = (await this.builtinNotifiers()).get(call.service.type);
    if (!builtin) {
      const results = await this.host.deliverNotification(call.input, context);
      const failed = results.find((result) => result.error !== undefined || result.output?.delivered === false);
      if (!failed) return { delivered: true };
      return failed.output ?? { delivered: false, detail: failed.error ?? 'failed' };
    }
    const key = await this.ensureLoaded(call, builtin);
    const { output, logs } = await this.host.sandbox.call<'notifier', 'deliver'>(key, 'deliver', call.input, context);
    for (const line of logs) this.logger.log(`[${key}] ${line.message}`);
    return output;
  }

  private ensureLoaded(call: NotifierCall, builtin: BuiltinNotifier): Promise<string> {
    const { packageJson, source } = builtin;
    const grants = serviceGrants(call.service, packageJson.driftless.capabilities, call.networks);
    const limits = { ...packageJson.driftless.limits, wallMsPerCall: call.timeoutMs };
    const digest = createHash('sha256')
      .update(JSON.stringify([grants, limits]))
      .digest('hex')
      .slice(0, 12);
    const key = `${packageJson.driftless.id}@${packageJson.version}/${call.service.name}/${digest}`;
    const current = this.loaded.get(call.service.name);
    if (current) {
      return current.then(async (loaded) => {
        if (loaded === key) return key;
        // The service's grants or budget changed: replace its instance.
        if (this.loaded.get(call.service.name) === current) {
          this.loaded.delete(call.service.name);
          await this.host.sandbox.unload(loaded).catch(() => undefined);
        }
        return this.ensureLoaded(call, builtin);
      });
    }
    const loading = this.host.sandbox
      .load({
        key,
        extensionPoint: 'notifier',
        source,
        grants,
        limits,
      })
      .then(() => key);
    this.loaded.set(call.service.name, loading);
    loading.catch(() => this.loaded.delete(call.service.name));
    return loading;
  }
}

/** Failures of the call itself: which are worth another attempt. */
export function retryableError(error: unknown): boolean {
  if (!(error instanceof PluginError)) return true;
  return ![
    'PLUGIN_CAPABILITY_DENIED',
    'PLUGIN_NOT_FOUND',
    'PLUGIN_CONTRACT_MISMATCH',
    'PLUGIN_INVALID_OUTPUT',
  ].includes(error.code);
}
