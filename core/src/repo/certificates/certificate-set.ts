// Listing, adding and removing repository certificates over the two
// ConfigMaps' data, without I/O: the rules of Argo CD's util/db
// certificate.go. A certificate that exists with other data is refused
// unless upsert; an equal one is left alone (and not reported as created).
import { CertificateInputProblem } from './certificate-problem';
import {
  type CertificateRequest,
  type CertificateSelector,
  type CertificateStoreData,
  type CertType,
  type RepositoryCertificate,
} from './repository-certificate';
import { checkSshServerName, checkTlsServerName, matchesHostPattern } from './server-names';
import {
  checkSshKey,
  readStoredKnownHosts,
  sshFingerprint,
  writeStoredKnownHosts,
  type SshHostKey,
  type StoredKnownHostsLine,
} from './ssh-known-hosts';
import { joinPem, parsePemCertificates, readStoredPem, type TlsCertificateInfo } from './tls-certificates';

/** The certificate types a selector names; empty or * is both. */
export function selectedTypes(certType: string | undefined): CertType[] {
  if (!certType || certType === '*') return ['ssh', 'https'];
  if (certType === 'ssh' || certType === 'https') return [certType];
  throw new CertificateInputProblem(`unknown certificate type "${certType}" (expected https or ssh)`);
}

const subTypeMatches = (selector: CertificateSelector, subType: string): boolean =>
  !selector.certSubType || selector.certSubType === '*' || selector.certSubType === subType;

const sshCertificate = (entry: SshHostKey, withData: boolean): RepositoryCertificate => ({
  serverName: entry.host,
  certType: 'ssh',
  certSubType: entry.keyType,
  certInfo: sshFingerprint(entry.key),
  certData: withData ? entry.key : null,
});

const tlsCertificate = (serverName: string, info: TlsCertificateInfo, withData: boolean): RepositoryCertificate => ({
  serverName,
  certType: 'https',
  certSubType: info.keyAlgorithm,
  certInfo: info.subject,
  certData: withData ? info.pem : null,
});

/** Stored TLS data that does not parse, shown (never its text) so it can be found and removed. */
const unreadableTls = (serverName: string, blocks: number): RepositoryCertificate => ({
  serverName,
  certType: 'https',
  certSubType: 'invalid',
  certInfo: `${blocks} PEM block(s) are not valid X.509 certificates`,
  certData: null,
});

const sshMatches = (entry: SshHostKey, selector: CertificateSelector): boolean =>
  matchesHostPattern(entry.host, selector.hostNamePattern) && subTypeMatches(selector, entry.keyType);

/** Argo CD's ListCertificates: without certData; SSH first, then TLS, in stored order. */
export function listCertificates(data: CertificateStoreData, selector: CertificateSelector): RepositoryCertificate[] {
  const types = selectedTypes(selector.certType);
  const found: RepositoryCertificate[] = [];
  if (types.includes('ssh'))
    for (const line of readStoredKnownHosts(data.knownHosts))
      if ('entry' in line && sshMatches(line.entry, selector)) found.push(sshCertificate(line.entry, false));
  if (types.includes('https'))
    for (const [serverName, pem] of Object.entries(data.tlsCerts)) {
      if (!matchesHostPattern(serverName, selector.hostNamePattern)) continue;
      const { certificates, invalid } = readStoredPem(pem);
      for (const info of certificates)
        if (subTypeMatches(selector, info.keyAlgorithm)) found.push(tlsCertificate(serverName, info, false));
      if (invalid.length > 0 && subTypeMatches(selector, 'invalid'))
        found.push(unreadableTls(serverName, invalid.length));
    }
  return found;
}

export interface CertificateChange {
  data: CertificateStoreData;
  /** The certificates that were added, replaced or removed (with their public data). */
  changed: RepositoryCertificate[];
  knownHostsChanged: boolean;
  tlsCertsChanged: boolean;
}

function addSsh(lines: StoredKnownHostsLine[], request: CertificateRequest, upsert: boolean): SshHostKey | undefined {
  const where = `SSH key for ${request.serverName}`;
  const keyType = request.certSubType ?? '';
  checkSshServerName(where, request.serverName);
  checkSshKey(where, keyType, request.certData.trim());
  const wanted = { host: request.serverName, keyType, key: request.certData.trim() };
  const index = lines.findIndex(
    (line) => 'entry' in line && line.entry.host === wanted.host && line.entry.keyType === wanted.keyType,
  );
  const existing = lines[index];
  if (existing === undefined || !('entry' in existing)) {
    lines.push({ entry: wanted });
    return wanted;
  }
  if (existing.entry.key === wanted.key) return undefined;
  if (!upsert)
    throw new CertificateInputProblem(
      `the ${keyType} key for ${wanted.host} already exists with different data — use upsert to replace it`,
    );
  lines[index] = { entry: wanted };
  return wanted;
}

function addTls(
  tlsCerts: Record<string, string>,
  request: CertificateRequest,
  upsert: boolean,
): TlsCertificateInfo[] | undefined {
  checkTlsServerName(request.serverName);
  const wanted = parsePemCertificates(request.certData, request.serverName);
  const stored = tlsCerts[request.serverName];
  if (stored !== undefined) {
    if (joinPem(readStoredPem(stored).certificates) === joinPem(wanted)) return undefined;
    if (!upsert)
      throw new CertificateInputProblem(
        `a TLS certificate for ${request.serverName} already exists with different data — use upsert to replace it`,
      );
  }
  tlsCerts[request.serverName] = joinPem(wanted);
  return wanted;
}

/** Argo CD's CreateCertificate: every request is checked before anything is written. */
export function addCertificates(
  data: CertificateStoreData,
  requests: CertificateRequest[],
  upsert: boolean,
): CertificateChange {
  if (requests.length === 0) throw new CertificateInputProblem('no certificates to add');
  const lines = readStoredKnownHosts(data.knownHosts);
  const tlsCerts = { ...data.tlsCerts };
  const changed: RepositoryCertificate[] = [];
  let knownHostsChanged = false;
  let tlsCertsChanged = false;
  for (const request of requests) {
    if (request.certType === 'ssh') {
      const added = addSsh(lines, request, upsert);
      if (added) changed.push(sshCertificate(added, true));
      knownHostsChanged ||= added !== undefined;
    } else if (request.certType === 'https') {
      const added = addTls(tlsCerts, request, upsert);
      for (const info of added ?? []) changed.push(tlsCertificate(request.serverName, info, true));
      tlsCertsChanged ||= added !== undefined;
    } else {
      throw new CertificateInputProblem(
        `unknown certificate type "${request.certType}" for ${request.serverName} (expected https or ssh)`,
      );
    }
  }
  return {
    data: { knownHosts: knownHostsChanged ? writeStoredKnownHosts(lines) : data.knownHosts, tlsCerts },
    changed,
    knownHostsChanged,
    tlsCertsChanged,
  };
}

/**
 * Argo CD's DeleteCertificate. The pattern must be given (removing every
 * certificate takes a deliberate glob). A sub-type narrows TLS too: only the
 * matching certificates leave a server's bundle, and an emptied bundle its key.
 */
export function removeCertificates(data: CertificateStoreData, selector: CertificateSelector): CertificateChange {
  if (!selector.hostNamePattern)
    throw new CertificateInputProblem('a host name pattern is required to remove certificates');
  const types = selectedTypes(selector.certType);
  const changed: RepositoryCertificate[] = [];
  let knownHostsChanged = false;
  let tlsCertsChanged = false;
  let lines = readStoredKnownHosts(data.knownHosts);
  if (types.includes('ssh')) {
    lines = lines.filter((line) => {
      if (!('entry' in line) || !sshMatches(line.entry, selector)) return true;
      changed.push(sshCertificate(line.entry, true));
      knownHostsChanged = true;
      return false;
    });
  }
  const tlsCerts = { ...data.tlsCerts };
  if (types.includes('https'))
    for (const [serverName, pem] of Object.entries(data.tlsCerts)) {
      if (!matchesHostPattern(serverName, selector.hostNamePattern)) continue;
      const { certificates, invalid } = readStoredPem(pem);
      const removed = certificates.filter((info) => subTypeMatches(selector, info.keyAlgorithm));
      // Unreadable blocks stay unless the selector takes them too: nothing the API cannot show is lost by accident.
      const keptInvalid = subTypeMatches(selector, 'invalid') ? [] : invalid;
      if (removed.length === 0 && keptInvalid.length === invalid.length) continue;
      for (const info of removed) changed.push(tlsCertificate(serverName, info, true));
      if (keptInvalid.length < invalid.length) changed.push(unreadableTls(serverName, invalid.length));
      const kept = certificates.filter((info) => !removed.includes(info));
      if (kept.length + keptInvalid.length > 0) tlsCerts[serverName] = joinPem(kept, keptInvalid);
      else delete tlsCerts[serverName];
      tlsCertsChanged = true;
    }
  return {
    data: { knownHosts: knownHostsChanged ? writeStoredKnownHosts(lines) : data.knownHosts, tlsCerts },
    changed,
    knownHostsChanged,
    tlsCertsChanged,
  };
}
