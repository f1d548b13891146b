// Package.json for test health plugins: the manifest the kernel would read.
import { type Capabilities, type PluginPackageJson } from '@driftless/plugin-sdk';

export function healthPackage(id: string, capabilities: Capabilities = {}, version = '1.0.0'): PluginPackageJson {
  return {
    name: `@driftless-test/${id}`,
    version,
    driftless: {
      id,
      contract: '^1.0.0',
      contributes: { health: { resources: [{ group: '*', kind: '*' }] } },
      capabilities,
    },
  };
}
