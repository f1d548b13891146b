// TLS certificates as argocd-tls-certs-cm keeps them: one key per repository
// server, its value one or more PEM certificates (the CAs or server
// certificates to trust for it). Only CERTIFICATE blocks are kept; a private
// key in the input is refused rather than silently dropped, as it was
// certainly not meant to be sent.
import { createHash, X509Certificate } from 'node:crypto';
import { CertificateInputProblem } from './certificate-problem';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** A parsed certificate: what Argo CD's API shows for it. */
export interface TlsCertificateInfo {
  pem: string;
  /** The public key algorithm, lowercase as Argo CD prints Go's name for it: rsa, ecdsa, ed25519, dsa. */
  keyAlgorithm: string;
  /** The subject in Go's pkix.Name.String() form (most specific RDN first, comma-separated). */
  subject: string;
  /** SHA256 over the DER bytes (lowercase hex), to drop repeated certificates as `argocd cert add-tls` does. */
  fingerprint: string;
}

function keyAlgorithm(certificate: X509Certificate): string {
  const type = certificate.publicKey.asymmetricKeyType ?? 'unknown';
  if (type === 'ec') return 'ecdsa';
  if (type === 'rsa-pss') return 'rsa';
  return type;
}

function describe(pem: string, certificate: X509Certificate): TlsCertificateInfo {
  return {
    pem,
    keyAlgorithm: keyAlgorithm(certificate),
    subject: certificate.subject.split('\n').reverse().join(','),
    fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
  };
}

/**
 * The certificates of a PEM text a client sends for `serverName`, repeated
 * ones dropped; text around the blocks (openssl's subject= lines) is ignored.
 */
export function parsePemCertificates(text: string, serverName: string): TlsCertificateInfo[] {
  const where = `TLS data for ${serverName}`;
  const found: TlsCertificateInfo[] = [];
  let index = 0;
  for (const match of text.matchAll(BLOCK)) {
    index += 1;
    const label = match[1] ?? '';
    if (label.includes('PRIVATE KEY'))
      throw new CertificateInputProblem(
        `${where}: block ${index} is a private key — send only the certificates (public), never the key`,
      );
    if (label !== 'CERTIFICATE')
      throw new CertificateInputProblem(`${where}: block ${index} is a ${label}, expected CERTIFICATE`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(match[0]);
    } catch {
      throw new CertificateInputProblem(`${where}: certificate ${index} is not a valid X.509 certificate in PEM`);
    }
    const info = describe(normalizePem(match[0]), certificate);
    if (!found.some((seen) => seen.fingerprint === info.fingerprint)) found.push(info);
  }
  if (index === 0)
    throw new CertificateInputProblem(
      `${where}: no PEM certificate found (expected -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`,
    );
  return found;
}

/** Stored PEM data read leniently: each block that parses, and the CERTIFICATE blocks that do not (shown as "invalid"). */
export function readStoredPem(text: string): { certificates: TlsCertificateInfo[]; invalid: string[] } {
  const certificates: TlsCertificateInfo[] = [];
  const invalid: string[] = [];
  for (const match of text.matchAll(BLOCK)) {
    if (match[1] !== 'CERTIFICATE') continue;
    try {
      certificates.push(describe(normalizePem(match[0]), new X509Certificate(match[0])));
    } catch {
      invalid.push(normalizePem(match[0]));
    }
  }
  // A value with no certificate at all (hand-edited garbage) is one unreadable block, so it can be listed and removed.
  if (certificates.length === 0 && invalid.length === 0 && text.trim() !== '') invalid.push(text);
  return { certificates, invalid };
}

export function joinPem(certificates: TlsCertificateInfo[], unreadable: string[] = []): string {
  return [...certificates.map((certificate) => certificate.pem), ...unreadable].join('');
}

/** One block with \n line ends and a final newline, so equal certificates store as equal text. */
function normalizePem(block: string): string {
  return `${block
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n')}\n`;
}
