// Proves a package's bundle loads (and matches its manifest) before it is
// recorded: in a throwaway sandbox, so a bad bundle never touches a live one.
import {
  contributedExtensionPoint,
  effectiveGrants,
  PluginSandbox,
  pluginRef,
  type Capabilities,
  type PluginPackageJson,
} from '@driftless/plugin-sdk';

export async function verifyInSandbox(
  packageJson: PluginPackageJson,
  source: string,
  grants: Capabilities,
): Promise<void> {
  const sandbox = new PluginSandbox({ size: 1 });
  try {
    await sandbox.load({
      key: pluginRef(packageJson),
      extensionPoint: contributedExtensionPoint(packageJson),
      source,
      grants: effectiveGrants(packageJson.driftless.capabilities, grants),
    });
  } finally {
    await sandbox.stop();
  }
}
