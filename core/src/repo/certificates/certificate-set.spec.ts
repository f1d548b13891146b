import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addCertificates, listCertificates, removeCertificates } from './certificate-set';
import { type CertificateStoreData } from './repository-certificate';

const EC = readFileSync(join(__dirname, 'testdata', 'ec-git.example.com.crt'), 'utf8');
const RSA = readFileSync(join(__dirname, 'testdata', 'rsa-ca.example.com.crt'), 'utf8');
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIEfH6wZ8d90agmbu3MRrc/cUkTuDxajGffID5rM5VUpi';
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNbXfgxEw2S4PKxJFe+8WJKSXlBxQEnsizKF3G1iiy5UWL7QNrl3qRfirD8Z9vFoZjU2YFXRJwAVHWDJI7nhKPU=';
const ED25519_PRINT = 'SHA256:1ji3/0Ys/aChvN0mkxX+SierpQlnJ2k6mrVVLfky/b0';

const empty: CertificateStoreData = { knownHosts: undefined, tlsCerts: {} };
const ssh = (serverName: string, certSubType: string, certData: string) => ({
  serverName,
  certType: 'ssh',
  certSubType,
  certData,
});

describe('certificate set', () => {
  const stored = addCertificates(
    empty,
    [
      ssh('git.example.com', 'ssh-ed25519', ED25519),
      ssh('git.example.com', 'ecdsa-sha2-nistp256', ECDSA),
      { serverName: 'git.example.com', certType: 'https', certData: EC + RSA },
    ],
    false,
  );

  it('adds SSH keys and TLS bundles, answering with their public data', () => {
    expect(stored.knownHostsChanged && stored.tlsCertsChanged).toBe(true);
    expect(stored.data.knownHosts).toBe(
      `git.example.com ssh-ed25519 ${ED25519}\ngit.example.com ecdsa-sha2-nistp256 ${ECDSA}\n`,
    );
    expect(stored.data.tlsCerts).toEqual({ 'git.example.com': EC + RSA });
    expect(stored.changed.map((c) => [c.certType, c.certSubType, c.certData])).toEqual([
      ['ssh', 'ssh-ed25519', ED25519],
      ['ssh', 'ecdsa-sha2-nistp256', ECDSA],
      ['https', 'ecdsa', EC],
      ['https', 'rsa', RSA],
    ]);
  });

  it('lists without data: SSH fingerprints and TLS subjects, filtered by type, pattern and sub-type', () => {
    expect(listCertificates(stored.data, {})).toEqual([
      {
        serverName: 'git.example.com',
        certType: 'ssh',
        certSubType: 'ssh-ed25519',
        certInfo: ED25519_PRINT,
        certData: null,
      },
      expect.objectContaining({ certSubType: 'ecdsa-sha2-nistp256' }),
      {
        serverName: 'git.example.com',
        certType: 'https',
        certSubType: 'ecdsa',
        certInfo: 'CN=git.example.com,O=Driftless Test,C=DE',
        certData: null,
      },
      expect.objectContaining({ certSubType: 'rsa', certInfo: 'CN=ca.example.com' }),
    ]);
    expect(listCertificates(stored.data, { certType: 'https' })).toHaveLength(2);
    expect(listCertificates(stored.data, { certSubType: 'ssh-ed25519' })).toHaveLength(1);
    expect(listCertificates(stored.data, { hostNamePattern: '*.other.com' })).toEqual([]);
    expect(() => listCertificates(stored.data, { certType: 'tls-ish' })).toThrow(
      'unknown certificate type "tls-ish" (expected https or ssh)',
    );
  });

  it('leaves equal data alone and refuses different data unless upsert', () => {
    const again = addCertificates(stored.data, [ssh('git.example.com', 'ssh-ed25519', ED25519)], false);
    expect(again).toMatchObject({ changed: [], knownHostsChanged: false });
    const otherKey = ssh('git.example.com', 'ssh-ed25519', ECDSA.replace(/^AAAAE2Vj/, 'AAAAC3Nz'));
    expect(() => addCertificates(stored.data, [otherKey], false)).toThrow(/key data is not a ssh-ed25519 key/);
    const changedTls = { serverName: 'git.example.com', certType: 'https', certData: RSA };
    expect(() => addCertificates(stored.data, [changedTls], false)).toThrow(
      'a TLS certificate for git.example.com already exists with different data — use upsert to replace it',
    );
    expect(addCertificates(stored.data, [changedTls], true).data.tlsCerts).toEqual({ 'git.example.com': RSA });
  });

  it('refuses a changed SSH key without upsert and replaces it in place with upsert', () => {
    const data = addCertificates(
      empty,
      [ssh('h', 'ssh-ed25519', ED25519), ssh('i', 'ssh-ed25519', ED25519)],
      false,
    ).data;
    const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(() => addCertificates(data, [ssh('h', 'ssh-ed25519', other)], false)).toThrow(
      'the ssh-ed25519 key for h already exists with different data — use upsert to replace it',
    );
    expect(addCertificates(data, [ssh('h', 'ssh-ed25519', other)], true).data.knownHosts).toBe(
      `h ssh-ed25519 ${other}\ni ssh-ed25519 ${ED25519}\n`,
    );
  });

  it('checks every request before changing anything', () => {
    expect(() =>
      addCertificates(
        empty,
        [ssh('h', 'ssh-ed25519', ED25519), { serverName: 'h', certType: 'gpg', certData: '' }],
        false,
      ),
    ).toThrow('unknown certificate type "gpg" for h (expected https or ssh)');
    expect(() => addCertificates(empty, [], false)).toThrow('no certificates to add');
  });

  it('removes by pattern, type and sub-type, and needs a pattern', () => {
    const sshOnly = removeCertificates(stored.data, { hostNamePattern: 'git.*', certType: 'ssh' });
    expect(sshOnly.data.knownHosts).toBe('');
    expect(sshOnly.data.tlsCerts).toEqual(stored.data.tlsCerts);
    expect(sshOnly.tlsCertsChanged).toBe(false);

    const rsaOnly = removeCertificates(stored.data, { hostNamePattern: 'git.example.com', certSubType: 'rsa' });
    expect(rsaOnly.changed.map((c) => c.certSubType)).toEqual(['rsa']);
    expect(rsaOnly.data.tlsCerts).toEqual({ 'git.example.com': EC });
    expect(rsaOnly.knownHostsChanged).toBe(false);

    const all = removeCertificates(stored.data, { hostNamePattern: 'git.example.com' });
    expect(all.changed).toHaveLength(4);
    expect(all.data).toEqual({ knownHosts: '', tlsCerts: {} });

    expect(removeCertificates(stored.data, { hostNamePattern: 'nothing' }).changed).toEqual([]);
    expect(() => removeCertificates(stored.data, {})).toThrow('a host name pattern is required to remove certificates');
  });

  it('shows unreadable stored TLS data as invalid and removes it only when asked', () => {
    const data = { knownHosts: undefined, tlsCerts: { broken: 'garbage', 'git.example.com': EC } };
    expect(listCertificates(data, { hostNamePattern: 'broken' })).toEqual([
      {
        serverName: 'broken',
        certType: 'https',
        certSubType: 'invalid',
        certInfo: '1 PEM block(s) are not valid X.509 certificates',
        certData: null,
      },
    ]);
    expect(removeCertificates(data, { hostNamePattern: '*', certSubType: 'ecdsa' }).data.tlsCerts).toEqual({
      broken: 'garbage',
    });
    expect(removeCertificates(data, { hostNamePattern: 'broken' }).data.tlsCerts).toEqual({ 'git.example.com': EC });
  });
});
