// SSH known host entries as argocd-ssh-known-hosts-cm keeps them (key
// ssh_known_hosts, OpenSSH known_hosts lines): parsed strictly for what a
// client adds, leniently for what is already stored (hand-edited lines the
// API cannot manage are kept as they are, never dropped).
import { createHash } from 'node:crypto';
import { CertificateInputProblem } from './certificate-problem';
import { checkSshServerName } from './server-names';

/** The plain public key types OpenSSH writes in known_hosts (no certificates, no markers). */
export const SSH_KEY_TYPES: ReadonlySet<string> = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ssh-ed25519@openssh.com',
]);

/** One host key: Argo CD's RepositoryCertificate of type ssh. */
export interface SshHostKey {
  /** The host field of the line: one name, or several separated by commas in hand-written lines. */
  host: string;
  keyType: string;
  /** The key in base64, as in the line. */
  key: string;
}

/** The key's SHA256 fingerprint as ssh-keygen -l prints it (unpadded base64). */
export function sshFingerprint(key: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

export function knownHostsLine(entry: SshHostKey): string {
  return `${entry.host} ${entry.keyType} ${entry.key}`;
}

const problem = (where: string, what: string): CertificateInputProblem =>
  new CertificateInputProblem(`${where}: ${what}`);

/** The key type the SSH wire format names inside the key (a string prefixed by its uint32 length). */
function embeddedKeyType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return undefined;
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** Checks a host key's type and base64 material; `where` names the entry in the message. */
export function checkSshKey(where: string, keyType: string, key: string): void {
  if (!SSH_KEY_TYPES.has(keyType))
    throw problem(where, `unknown SSH key type "${keyType}" (expected one of ${[...SSH_KEY_TYPES].join(', ')})`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0)
    throw problem(where, 'the key is not base64 — copy the whole line from ssh-keyscan or known_hosts');
  const embedded = embeddedKeyType(Buffer.from(key, 'base64'));
  if (embedded !== keyType)
    throw problem(where, `the key data is not a ${keyType} key${embedded ? ` (it holds ${embedded})` : ''}`);
}

/**
 * A known_hosts line a client adds, one entry per host it names (as `argocd
 * cert add-ssh --batch` splits them). Comments after the key are dropped;
 * markers and hashed names are refused, since no server name can be matched
 * or removed by pattern for them.
 */
export function parseKnownHostsLine(line: string, lineNumber: number): SshHostKey[] {
  const where = `known_hosts line ${lineNumber}`;
  const fields = line.trim().split(/\s+/);
  if (fields[0]?.startsWith('@'))
    throw problem(where, `the marker ${fields[0]} is not supported — add plain "host keytype key" lines`);
  if (fields.length < 3) throw problem(where, 'expected "HOST[,HOST…] KEYTYPE BASE64KEY"');
  const [hosts = '', keyType = '', key = ''] = fields;
  if (hosts.startsWith('|'))
    throw problem(where, 'hashed host names cannot be managed — list the host in clear (ssh-keyscan without -H)');
  checkSshKey(where, keyType, key);
  return hosts.split(',').map((host) => {
    checkSshServerName(where, host);
    return { host, keyType, key };
  });
}

/** Every entry of a known_hosts text a client sends; blank lines and # comments are skipped. */
export function parseKnownHosts(text: string): SshHostKey[] {
  const entries: SshHostKey[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    entries.push(...parseKnownHostsLine(trimmed, index + 1));
  });
  if (entries.length === 0) throw new CertificateInputProblem('no SSH known hosts entries found in the input');
  return entries;
}

/** A stored line: a managed entry, or text kept verbatim (comments, markers, lines the API cannot read). */
export type StoredKnownHostsLine = { entry: SshHostKey } | { text: string };

/** The ConfigMap's ssh_known_hosts text, line by line, as Argo CD tokenizes it (host, type, rest). */
export function readStoredKnownHosts(text: string | undefined): StoredKnownHostsLine[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const trimmed = line.trim();
      const [host, keyType, key] = trimmed.split(/\s+/);
      if (trimmed.startsWith('#') || trimmed.startsWith('@') || !host || !keyType || !key) return { text: line };
      return SSH_KEY_TYPES.has(keyType) ? { entry: { host, keyType, key } } : { text: line };
    });
}

export function writeStoredKnownHosts(lines: StoredKnownHostsLine[]): string {
  const text = lines.map((line) => ('entry' in line ? knownHostsLine(line.entry) : line.text)).join('\n');
  return text === '' ? '' : `${text.replace(/\n+$/, '')}\n`;
}
