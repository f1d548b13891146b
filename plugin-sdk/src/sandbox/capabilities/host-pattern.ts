// Matching a URL's host and port against the hosts an http grant lists:
// `example.com`, `example.com:8443`, `*.example.com`, `127.0.0.1:8080`, `[::1]:80`.

export interface HostPattern {
  host: string;
  port: number | undefined;
  wildcard: boolean;
}

export function parseHostPattern(entry: string): HostPattern {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    return { host: (bracketed[1] ?? '').toLowerCase(), port: portOf(bracketed[2]), wildcard: false };
  }
  const [host = '', port] = entry.split(':');
  const wildcard = host.startsWith('*.');
  return { host: (wildcard ? host.slice(2) : host).toLowerCase(), port: portOf(port), wildcard };
}

function portOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** `hostname` as URL gives it (IPv6 in brackets), `port` the effective port. */
export function hostAllowed(patterns: readonly string[], hostname: string, port: number): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  return patterns.some((entry) => {
    const pattern = parseHostPattern(entry);
    if (pattern.port !== undefined && pattern.port !== port) return false;
    if (pattern.wildcard) return host.endsWith(`.${pattern.host}`);
    return host === pattern.host;
  });
}
