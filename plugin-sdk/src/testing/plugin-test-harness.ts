// The test harness for plugin authors: runs a plugin in the real sandbox — a
// runner process, an isolate with the plugin's limits, the host API checked
// against its grants — exactly as the kernel will.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExtensionPoint, type InputOf, type MethodOf, type OutputOf } from '../contracts/extension-points';
import { type Capabilities, DEFAULT_BUNDLE_PATH, type PluginPackageJson } from '../manifest/manifest';
import { contributedExtensionPoint, pluginRef, validatePluginPackage } from '../manifest/validate-manifest';
import { bundlePlugin } from '../build/bundle-plugin';
import { type SandboxLimits } from '../sandbox/limits';
import { PluginSandbox, type CallOutcome, type SandboxOptions } from '../sandbox/plugin-sandbox';
import { type CallContext } from '../sandbox/runner-protocol';

export interface TestPluginOptions {
  /** Directory of the plugin package (its package.json carries the manifest). */
  packageDir?: string;
  /** The package.json content, when there is no packageDir. */
  packageJson?: PluginPackageJson;
  /** TypeScript/JavaScript entry to bundle (relative to packageDir). Default: the built bundle. */
  entry?: string;
  /** Bundle source, instead of entry or the built bundle. */
  source?: string;
  /** Capabilities to grant; default: everything the manifest requests. */
  grants?: Capabilities;
  limits?: Partial<SandboxLimits>;
  /** `dedicated`: a runner process of its own, as the kernel gives an installed plugin. */
  isolation?: 'shared' | 'dedicated';
}

export interface TestPlugin<P extends ExtensionPoint = ExtensionPoint> {
  readonly key: string;
  readonly extensionPoint: P;
  readonly coldStartMs: number;
  call<M extends MethodOf<P>>(
    method: M,
    input: InputOf<P, M>,
    context?: CallContext,
  ): Promise<CallOutcome<OutputOf<P, M>>>;
}

export class PluginTestHarness {
  private constructor(readonly sandbox: PluginSandbox) {}

  static async start(options: SandboxOptions = { size: 1 }): Promise<PluginTestHarness> {
    const sandbox = new PluginSandbox(options);
    await sandbox.start();
    return new PluginTestHarness(sandbox);
  }

  async load<P extends ExtensionPoint = ExtensionPoint>(options: TestPluginOptions): Promise<TestPlugin<P>> {
    const packageJson = validatePluginPackage(
      options.packageJson ?? JSON.parse(await readFile(join(requireDir(options), 'package.json'), 'utf8')),
    );
    const source = await sourceOf(options, packageJson);
    const key = pluginRef(packageJson);
    const extensionPoint = contributedExtensionPoint(packageJson) as P;
    const { coldStartMs } = await this.sandbox.load({
      key,
      extensionPoint,
      source,
      grants: options.grants ?? packageJson.driftless.capabilities ?? {},
      limits: { ...packageJson.driftless.limits, ...options.limits },
      ...(options.isolation ? { isolation: options.isolation } : {}),
    });
    const sandbox = this.sandbox;
    return {
      key,
      extensionPoint,
      coldStartMs,
      call: (method, input, context) => sandbox.call<P, typeof method>(key, method, input, context),
    };
  }

  stop(): Promise<void> {
    return this.sandbox.stop();
  }
}

/** One plugin in its own sandbox; `stop()` ends the runner. */
export async function loadPluginForTest<P extends ExtensionPoint = ExtensionPoint>(
  options: TestPluginOptions,
): Promise<TestPlugin<P> & { stop(): Promise<void> }> {
  const harness = await PluginTestHarness.start();
  try {
    const plugin = await harness.load<P>(options);
    return Object.assign(plugin, { stop: () => harness.stop() });
  } catch (error) {
    await harness.stop();
    throw error;
  }
}

function requireDir(options: TestPluginOptions): string {
  if (!options.packageDir) throw new Error('loadPluginForTest needs packageDir or packageJson');
  return options.packageDir;
}

async function sourceOf(options: TestPluginOptions, packageJson: PluginPackageJson): Promise<string> {
  if (options.source !== undefined) return options.source;
  if (options.entry !== undefined) {
    const entry = options.packageDir ? join(options.packageDir, options.entry) : options.entry;
    return bundlePlugin({ entry });
  }
  return readFile(join(requireDir(options), packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH), 'utf8');
}
