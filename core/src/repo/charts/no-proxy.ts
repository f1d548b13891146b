// NO_PROXY matching as Go's httpproxy reads it (Argo CD's `noProxy`):
// comma-separated entries, each `*`, a host or IP (optionally with :port), a
// domain that also covers its subdomains (`example.com`, `.example.com`), or
// an IPv4 CIDR. Pure.

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [network = '', bits = ''] = cidr.split('/');
  const address = ipv4ToNumber(host);
  const base = ipv4ToNumber(network);
  const prefix = Number(bits);
  if (address === undefined || base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    return false;
  }
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(base / size);
}

/** Whether `host` (`name` or `name:port`) is reached directly rather than through the proxy. */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  const hostname = (match?.[1] ?? host).replace(/^\[|\]$/g, '');
  const port = match?.[2];
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(hostname, entry)) return true;
      continue;
    }
    const entryMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    const entryHost = (entryMatch?.[1] ?? entry).replace(/^\[|\]$/g, '');
    const entryPort = entryMatch?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = entryHost.replace(/^\*?\./, '');
    if (hostname === domain || hostname.endsWith(`.${domain}`)) return true;
  }
  return false;
}
