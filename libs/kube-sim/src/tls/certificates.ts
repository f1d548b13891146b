// A throwaway certificate authority and a server certificate signed by it, for
// the HTTPS endpoints. node-forge builds the X.509 structure; keys and the
// signature come from node:crypto — forge's RSA is pure JavaScript, and in a
// fresh module registry (every jest test file) it never warms up: signing two
// certificates took about 2 s of CPU per kube-sim start.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface ServerCertificates {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

/** Signs `certificate` with SHA-256/RSA, as forge's `certificate.sign` would, natively. */
function signCertificate(certificate: forge.pki.Certificate, privatePem: string): void {
  const sha256WithRSAEncryption = forge.pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11';
  certificate.siginfo.algorithmOid = sha256WithRSAEncryption;
  certificate.signatureOid = sha256WithRSAEncryption;
  // Not in @types/node-forge; forge's own sign() uses it the same way.
  const pki = forge.pki as typeof forge.pki & {
    getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbsCertificate = pki.getTBSCertificate(certificate);
  (certificate as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbsCertificate;
  const tbs = forge.asn1.toDer(tbsCertificate).getBytes();
  certificate.signature = sign('sha256', Buffer.from(tbs, 'binary'), privatePem).toString('binary');
}

function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function baseCertificate(publicPem: string, days: number): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicPem);
  // A positive serial: clear the top bit of the first byte.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  certificate.serialNumber = serial.toString('hex');
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  return certificate;
}

/** Creates a CA and a server certificate valid for `hosts` (IPs and DNS names) plus localhost. */
export function createServerCertificates(hosts: string[]): ServerCertificates {
  const caKeys = newKeyPair();
  const ca = baseCertificate(caKeys.publicPem, 3650);
  const caSubject = [{ name: 'commonName', value: 'kube-sim-ca' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKeys.privatePem);

  const serverKeys = newKeyPair();
  const server = baseCertificate(serverKeys.publicPem, 365);
  server.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  server.setIssuer(caSubject);
  const names = [...new Set(['127.0.0.1', 'localhost', '::1', ...hosts])];
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
    },
  ]);
  signCertificate(server, caKeys.privatePem);
  return {
    caCertPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privatePem,
  };
}
