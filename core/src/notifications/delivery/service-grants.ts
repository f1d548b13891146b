// What a notifier plugin may reach for one service: the hosts its manifest asks for, plus the host
// of every http(s) URL the admin wrote in that service's settings (a webhook's url, Slack's apiURL),
// (and, for the email service, its SMTP `host:port`),
// and private or loopback addresses only when argocd-notifications-cm's `driftless.http.networks`
// allows them. Secrets: exactly the keys the service's settings reference. Pure.
import { type Capabilities } from '@driftless/plugin-sdk';
import { type ServiceConfig } from '../config/notification-config';

function urlHosts(value: unknown, hosts: Set<string>): void {
  if (typeof value === 'string') {
    if (!/^https?:\/\//i.test(value.trim())) return;
    try {
      const url = new URL(value.trim());
      hosts.add(url.host.toLowerCase());
    } catch {
      // not a URL: nothing to grant
    }
  } else if (Array.isArray(value)) {
    for (const item of value) urlHosts(item, hosts);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) urlHosts(item, hosts);
  }
}

/**
 * Settings Argo CD's services take as bare `host[:port]` (no scheme): Alertmanager's `targets`,
 * Opsgenie's `apiUrl`.
 */
function bareHosts(service: ServiceConfig, hosts: Set<string>): void {
  const bare = (value: unknown) => {
    if (typeof value === 'string' && /^[\w.-]+(:\d{1,5})?$/.test(value.trim())) hosts.add(value.trim().toLowerCase());
  };
  if (service.type === 'alertmanager') {
    const targets = service.config.targets;
    if (Array.isArray(targets)) targets.forEach(bare);
    else hosts.add('127.0.0.1:9093');
  }
  if (service.type === 'opsgenie') bare(service.config.apiUrl);
}

/** Argo CD's email service: `host` and `port` (default 587) of its SMTP server. */
function smtpHost(service: ServiceConfig): string | undefined {
  if (service.type !== 'email') return undefined;
  const host = service.config.host;
  if (typeof host !== 'string' || !/^[\w.-]+$/.test(host.trim())) return undefined;
  const port = service.config.port;
  const number = typeof port === 'number' ? port : typeof port === 'string' && port.trim() !== '' ? Number(port) : 587;
  return Number.isInteger(number) ? `${host.trim().toLowerCase()}:${number}` : undefined;
}

export function serviceGrants(
  service: ServiceConfig,
  requested: Capabilities | undefined,
  networks: readonly ('loopback' | 'private')[],
): Capabilities {
  const hosts = new Set<string>(requested?.http?.hosts ?? []);
  urlHosts(service.config, hosts);
  bareHosts(service, hosts);
  const grants: Capabilities = {};
  if (hosts.size > 0) grants.http = { hosts: [...hosts].sort(), networks: [...networks] };
  const smtp = smtpHost(service);
  if (smtp) grants.smtp = { hosts: [smtp], networks: [...networks] };
  if (requested?.crypto) grants.crypto = true;
  const names = Object.keys(service.secrets).sort();
  if (names.length > 0) grants.secrets = { names };
  return grants;
}
