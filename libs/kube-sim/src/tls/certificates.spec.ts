import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createServerCertificates } from './certificates';

describe('kube-sim certificates', () => {
  const created = createServerCertificates(['10.1.2.3', 'sim.example']);
  const ca = new X509Certificate(created.caCertPem);
  const server = new X509Certificate(created.certPem);

  it('makes a self-signed CA that signed the server certificate', () => {
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.verify(server.publicKey)).toBe(false);
  });

  it('names the given hosts and localhost, and pairs the certificate with its key', () => {
    expect(server.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('sim.example')).toBe('sim.example');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost('other.example')).toBeUndefined();
    expect(server.checkPrivateKey(createPrivateKey(created.keyPem))).toBe(true);
  });
});
