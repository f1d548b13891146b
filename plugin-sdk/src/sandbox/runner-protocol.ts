// Messages between the kernel (or the test harness) and a runner process.
// Both sides send arrays of messages, coalesced per event-loop turn, so many
// concurrent calls cost one IPC write. Inputs and outputs travel as JSON text:
// plain data only, parsed and re-validated on the receiving side.
import { type ExtensionPoint } from '../contracts/extension-points';
import { type PluginErrorCode } from '../errors';
import { type Capabilities } from '../manifest/manifest';
import { type PluginLogLine } from './capabilities/log';
import { type SandboxLimits } from './limits';

export interface LoadSpec {
  /** `id@version`, unique per loaded plugin. */
  key: string;
  extensionPoint: ExtensionPoint;
  source: string;
  limits: SandboxLimits;
  /** Capabilities granted (already intersected with those requested). */
  grants: Capabilities;
}

export interface CallContext {
  /** Secrets the kernel resolved for this call, by name. */
  secrets?: Record<string, string>;
  /** Root of the read-only workspace for this call. */
  workspaceDir?: string;
  /** Roots of other sources' workspaces by `ref` name, read as `$name/...`. */
  workspaceRefs?: Record<string, string>;
  /**
   * Folders the kernel fetched for this call (a renderer's `needs`), by the
   * workspace-relative path where they appear in exec copies of the workspace.
   */
  overlays?: Record<string, string>;
}

export type RunnerRequest =
  | { id: number; type: 'load'; spec: LoadSpec }
  | { id: number; type: 'unload'; key: string }
  | { id: number; type: 'call'; key: string; method: string; inputJson: string; context: CallContext }
  | { id: number; type: 'ping' };

export interface CallResult {
  outputJson: string;
  logs: PluginLogLine[];
  cpuMs: number;
}

export interface LoadResult {
  coldStartMs: number;
}

export type RunnerReply =
  | { id: number; ok: true; value: CallResult | LoadResult | null }
  | { id: number; ok: false; code: PluginErrorCode; message: string; logs?: PluginLogLine[] }
  | { id: 0; type: 'ready'; pid: number };

/**
 * Set in the environment of a runner the runner host forks: it then waits for
 * the kernel's connection from its parent instead of talking over IPC.
 */
export const socketTransportVariable = 'DRIFTLESS_RUNNER_TRANSPORT';
