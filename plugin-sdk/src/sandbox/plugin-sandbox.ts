// The sandbox as the kernel (and the SDK's test harness) use it: load a
// plugin's bundle with its limits and grants, call its methods with plain
// data, get validated output back. Isolates live in runner processes, so a
// plugin can fail its calls but never the caller's process.
import { type ExtensionPoint, type InputOf, type MethodOf, type OutputOf } from '../contracts/extension-points';
import { PluginError, type PluginErrorCode } from '../errors';
import { type Capabilities } from '../manifest/manifest';
import { type PluginLogLine } from './capabilities/log';
import { defaultMaxima, effectiveLimits, type SandboxLimits } from './limits';
import { validateOutput } from './output-validation';
import { parsePluginJson } from './plugin-json';
import { RunnerPool, type RunnerPoolOptions } from './runner-pool';
import { type RunnerProcess } from './runner-process';
import { type CallContext, type CallResult, type LoadResult, type LoadSpec } from './runner-protocol';

export interface SandboxOptions extends RunnerPoolOptions {
  /** Kernel maxima every plugin's limits are capped by. */
  maxima?: SandboxLimits;
  /** Observes every call, for metrics. */
  onCall?: (event: CallEvent) => void;
}

export interface CallEvent {
  key: string;
  extensionPoint: ExtensionPoint;
  method: string;
  durationMs: number;
  outcome: 'ok' | PluginErrorCode;
}

export interface LoadRequest {
  /** `id@version`. */
  key: string;
  extensionPoint: ExtensionPoint;
  source: string;
  limits?: Partial<SandboxLimits>;
  grants?: Capabilities;
  /**
   * `dedicated`: the plugin gets a runner process of its own, so a failure that
   * kills a process (a V8 fatal error) fails only its calls. The kernel gives
   * one to every plugin it did not ship. Default `shared`.
   */
  isolation?: 'shared' | 'dedicated';
}

export interface CallOutcome<O> {
  output: O;
  logs: PluginLogLine[];
  cpuMs: number;
}

export class PluginSandbox {
  readonly pool: RunnerPool;
  private readonly specs = new Map<string, LoadSpec>();
  private readonly loads = new WeakMap<RunnerProcess, Map<string, Promise<LoadResult>>>();

  constructor(private readonly options: SandboxOptions = {}) {
    this.pool = new RunnerPool(options);
  }

  private started: Promise<void> | undefined;

  /** Starts the runner pool; load and call start it on first use, so an unused sandbox costs nothing. */
  start(): Promise<void> {
    this.started ??= this.pool.start();
    return this.started;
  }

  async stop(): Promise<void> {
    if (this.started) await this.pool.stop();
  }

  /** Loads (or replaces) a plugin and creates its isolate; resolves to the cold-start time. */
  async load(request: LoadRequest): Promise<LoadResult> {
    const spec: LoadSpec = {
      key: request.key,
      extensionPoint: request.extensionPoint,
      source: request.source,
      limits: effectiveLimits(request.limits, this.options.maxima ?? defaultMaxima),
      grants: request.grants ?? {},
    };
    this.specs.set(spec.key, spec);
    await this.start();
    if (request.isolation === 'dedicated') this.pool.dedicate(spec.key);
    const runner = await this.pool.runnerFor(spec.key);
    this.loadsOf(runner).delete(spec.key);
    try {
      return await this.ensureLoaded(runner, spec);
    } catch (error) {
      this.specs.delete(spec.key);
      await this.pool.release(spec.key);
      throw error;
    }
  }

  async unload(key: string): Promise<void> {
    if (!this.specs.delete(key) || !this.started) return;
    const runner = await this.pool.runnerFor(key);
    this.loadsOf(runner).delete(key);
    await runner.request({ type: 'unload', key }, key);
    await this.pool.release(key);
  }

  isLoaded(key: string): boolean {
    return this.specs.has(key);
  }

  async call<P extends ExtensionPoint, M extends MethodOf<P>>(
    key: string,
    method: M,
    input: InputOf<P, M>,
    context: CallContext = {},
  ): Promise<CallOutcome<OutputOf<P, M>>> {
    const started = performance.now();
    const spec = this.specs.get(key);
    try {
      if (!spec) throw new PluginError('PLUGIN_NOT_FOUND', 'is not loaded', key);
      const inputJson = toJson(input, key);
      if (inputJson.length > spec.limits.maxInputBytes) {
        throw new PluginError(
          'PLUGIN_INVALID_INPUT',
          `the input is larger than ${spec.limits.maxInputBytes} characters of JSON`,
          key,
        );
      }
      await this.start();
      const runner = await this.pool.runnerFor(key);
      await this.ensureLoaded(runner, spec);
      const result = await runner.request<CallResult>({ type: 'call', key, method, inputJson, context }, key);
      const output = parsePluginJson(result.outputJson, key, method);
      validateOutput(spec.extensionPoint, method, output, input, key);
      this.observe(spec, method, started, 'ok');
      return { output: output as OutputOf<P, M>, logs: result.logs, cpuMs: result.cpuMs };
    } catch (error) {
      const code = error instanceof PluginError ? error.code : 'PLUGIN_CALL_FAILED';
      if (spec) this.observe(spec, method, started, code);
      throw error;
    }
  }

  private ensureLoaded(runner: RunnerProcess, spec: LoadSpec): Promise<LoadResult> {
    const loads = this.loadsOf(runner);
    let loading = loads.get(spec.key);
    if (!loading) {
      loading = runner.request<LoadResult>({ type: 'load', spec }, spec.key);
      loads.set(spec.key, loading);
      loading.catch(() => loads.delete(spec.key));
    }
    return loading;
  }

  private loadsOf(runner: RunnerProcess): Map<string, Promise<LoadResult>> {
    let loads = this.loads.get(runner);
    if (!loads) {
      loads = new Map();
      this.loads.set(runner, loads);
    }
    return loads;
  }

  private observe(spec: LoadSpec, method: string, started: number, outcome: CallEvent['outcome']): void {
    this.options.onCall?.({
      key: spec.key,
      extensionPoint: spec.extensionPoint,
      method,
      durationMs: performance.now() - started,
      outcome,
    });
  }
}

function toJson(input: unknown, key: string): string {
  try {
    const json = JSON.stringify(input);
    if (typeof json !== 'string') throw new Error('undefined');
    return json;
  } catch (error) {
    throw new PluginError(
      'PLUGIN_INVALID_INPUT',
      `the input is not plain JSON (${error instanceof Error ? error.message : String(error)})`,
      key,
    );
  }
}
