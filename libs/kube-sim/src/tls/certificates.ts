// A throwaway certificate authority and a server certificate signed by it, for
// the HTTPS endpoints. Keys come from node:crypto; node-forge builds the X.509.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface ServerCertificates {
  caCertPem: string;
  certPem: string;
  keyPem: string;
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
  const caKey = forge.pki.privateKeyFromPem(caKeys.privatePem);
  const ca = baseCertificate(caKeys.publicPem, 3650);
  const caSubject = [{ name: 'commonName', value: 'kube-sim-ca' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKey, forge.md.sha256.create());

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
  server.sign(caKey, forge.md.sha256.create());
  return {
    caCertPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privatePem,
  };
}
