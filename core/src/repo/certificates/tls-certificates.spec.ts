import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinPem, parsePemCertificates, readStoredPem } from './tls-certificates';

// Self-signed certificates made with openssl (public material only).
const EC = readFileSync(join(__dirname, 'testdata', 'ec-git.example.com.crt'), 'utf8');
const RSA = readFileSync(join(__dirname, 'testdata', 'rsa-ca.example.com.crt'), 'utf8');

describe('TLS certificates', () => {
  it('reads each certificate: key algorithm and subject as Argo CD shows them', () => {
    const parsed = parsePemCertificates(`subject=whatever\n${EC}\n${RSA}`, 'git.example.com');
    expect(parsed.map(({ keyAlgorithm, subject }) => ({ keyAlgorithm, subject }))).toEqual([
      { keyAlgorithm: 'ecdsa', subject: 'CN=git.example.com,O=Driftless Test,C=DE' },
      { keyAlgorithm: 'rsa', subject: 'CN=ca.example.com' },
    ]);
    expect(joinPem(parsed)).toBe(EC + RSA);
  });

  it('drops a repeated certificate and normalizes line ends', () => {
    const parsed = parsePemCertificates(`${EC.replace(/\n/g, '\r\n')}${EC}`, 'h');
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.pem).toBe(EC);
  });

  it.each([
    ['not a certificate', /^TLS data for h: no PEM certificate found/],
    [
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      /^TLS data for h: certificate 1 is not a valid X\.509/,
    ],
    [
      `${EC}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`,
      /^TLS data for h: block 2 is a private key — send only the certificates/,
    ],
    ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /^TLS data for h: block 1 is a PUBLIC KEY/],
  ])('refuses bad input with one line (%#)', (text, message) => {
    expect(() => parsePemCertificates(text, 'h')).toThrow(message);
  });

  it('reads stored data leniently: unreadable blocks and text are reported, not thrown', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const stored = readStoredPem(`${EC}${broken}`);
    expect(stored.certificates).toHaveLength(1);
    expect(stored.invalid).toEqual([broken]);
    expect(readStoredPem('garbage').invalid).toEqual(['garbage']);
  });
});
