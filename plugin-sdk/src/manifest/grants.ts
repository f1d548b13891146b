// What a plugin may actually use: the capabilities it requested, narrowed to
// what an admin granted. A grant never widens a request.
import { type Capabilities, type NetworkClass } from './manifest';

type NetworkGrant = { hosts: string[]; networks?: NetworkClass[] };

function narrowNetwork(requested: NetworkGrant | undefined, granted: NetworkGrant | undefined) {
  if (!requested || !granted) return undefined;
  const hosts = requested.hosts.filter((host) => granted.hosts.includes(host));
  const networks = (requested.networks ?? []).filter((network) => granted.networks?.includes(network));
  return hosts.length > 0 ? { hosts, networks } : undefined;
}

export function effectiveGrants(requested: Capabilities | undefined, granted: Capabilities | undefined): Capabilities {
  const result: Capabilities = {};
  if (!requested || !granted) return result;
  const http = narrowNetwork(requested.http, granted.http);
  if (http) result.http = http;
  const smtp = narrowNetwork(requested.smtp, granted.smtp);
  if (smtp) result.smtp = smtp;
  if (requested.exec && granted.exec) {
    const binaries = requested.exec.binaries.filter((binary) => granted.exec?.binaries.includes(binary));
    if (binaries.length > 0) result.exec = { binaries };
  }
  if (requested.workspace && granted.workspace) result.workspace = true;
  if (requested.crypto && granted.crypto) result.crypto = true;
  if (requested.secrets && granted.secrets) {
    result.secrets = { names: requested.secrets.names.filter((name) => granted.secrets?.names.includes(name)) };
  }
  return result;
}

/** Requested capabilities not covered by the grant, as readable lines (for install prompts and errors). */
export function ungrantedCapabilities(
  requested: Capabilities | undefined,
  granted: Capabilities | undefined,
): string[] {
  return describeCapabilities(requested).filter(
    (line) => !describeCapabilities(effectiveGrants(requested, granted)).includes(line),
  );
}

export function describeCapabilities(capabilities: Capabilities | undefined): string[] {
  if (!capabilities) return [];
  const lines: string[] = [];
  for (const host of capabilities.http?.hosts ?? []) lines.push(`http ${host}`);
  for (const network of capabilities.http?.networks ?? []) lines.push(`http network ${network}`);
  for (const host of capabilities.smtp?.hosts ?? []) lines.push(`smtp ${host}`);
  for (const network of capabilities.smtp?.networks ?? []) lines.push(`smtp network ${network}`);
  for (const binary of capabilities.exec?.binaries ?? []) lines.push(`exec ${binary}`);
  if (capabilities.workspace) lines.push('workspace read');
  if (capabilities.crypto) lines.push('crypto sign');
  for (const name of capabilities.secrets?.names ?? []) lines.push(`secret ${name}`);
  return lines;
}
