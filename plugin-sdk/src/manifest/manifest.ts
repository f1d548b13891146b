// The manifest: the `driftless` key of a plugin's package.json. Static data
// the kernel reads for listing, install prompts and routing, without running
// plugin code.
import { type ResourcePattern } from '../contracts/kube-object';

export type NetworkClass = 'loopback' | 'private' | 'linkLocal';

/** Capabilities, as requested by a manifest and (a subset) granted by an admin. */
export interface Capabilities {
  http?: { hosts: string[]; networks?: NetworkClass[] };
  /** SMTP servers (`host` or `host:port`), checked like http's hosts. */
  smtp?: { hosts: string[]; networks?: NetworkClass[] };
  /** host.crypto.sign: RS256 signatures with keys the plugin holds. */
  crypto?: boolean;
  exec?: { binaries: string[] };
  workspace?: boolean;
  secrets?: { names: string[] };
}

export interface Contributions {
  source?: { name: string; urls: string[] };
  /**
   * `name`: the source type it renders (Argo CD's `Directory`, `Helm`, `Kustomize`,
   * `Plugin`); `block`: the key of the Application source it reads options from
   * (`directory`, `helm`, `kustomize`, `plugin`); `discovery.files`: file names in
   * the app path that select it when the source names no block.
   */
  renderer?: {
    name: string;
    block?: string;
    /**
     * `dynamic`: the plugin's `detect` method decides (asked before file names);
     * `dynamicSettings`: the renderer settings `detect` depends on — with none of
     * them set it is not asked.
     */
    discovery?: { files?: string[]; dynamic?: boolean; dynamicSettings?: string[] };
    postRender?: boolean;
  };
  generator?: { names: string[] };
  /** `luaOverrides`: applies argocd-cm Lua health overrides; objects with one are routed to it. */
  health?: { resources: ResourcePattern[]; luaOverrides?: boolean };
  notifier?: { services: string[] };
  imageStrategy?: { names: string[] };
  /**
   * `actions`: the action names the plugin offers, when fixed; a plugin that
   * runs argocd-cm Lua actions (`luaOverrides`) learns them per call.
   */
  action?: { resources?: ResourcePattern[]; actions?: string[]; luaOverrides?: boolean };
}

export interface RequestedLimits {
  memoryMb?: number;
  cpuMsPerCall?: number;
  wallMsPerCall?: number;
}

export interface PluginManifest {
  id: string;
  displayName?: string;
  description?: string;
  /** Semver range of contract versions, e.g. `^1.0.0`. */
  contract: string;
  bundle?: string;
  precedence?: number;
  contributes: Contributions;
  capabilities?: Capabilities;
  limits?: RequestedLimits;
}

/** The package.json fields the schema covers. */
export interface PluginPackageJson {
  name: string;
  version: string;
  driftless: PluginManifest;
}

export const DEFAULT_BUNDLE_PATH = 'dist/plugin.js';
