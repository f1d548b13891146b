// The challenge of a registry's 401: `Bearer realm="https://auth.example/token",service="registry",scope="repository:x:pull"`
// or `Basic realm="Registry Realm"`.

export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseWwwAuthenticate(header: string | null): AuthChallenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/g;
  for (const param of (match[2] ?? '').matchAll(pattern)) {
    const name = param[1]?.toLowerCase();
    if (name) params[name] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}
