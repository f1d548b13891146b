import { createVerify, generateKeyPairSync } from 'node:crypto';
import { PluginError } from '../../errors';
import { cryptoSign } from './crypto';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof PluginError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
};

describe('crypto.sign', () => {
  it('signs with RS256 (base64url), verifiable with the public key', () => {
    const { signature } = cryptoSign({ algorithm: 'RS256', key: pem, data: 'header.payload' }, true);
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    const verified = createVerify('RSA-SHA256')
      .update('header.payload')
      .verify(rsa.publicKey.export({ type: 'spki', format: 'pem' }), Buffer.from(signature, 'base64url'));
    expect(verified).toBe(true);
  });

  it('refuses without the grant, other algorithms, other keys and oversized data, never echoing the key', () => {
    expect(codeOf(() => cryptoSign({ algorithm: 'RS256', key: pem, data: 'x' }, undefined))).toMatch(
      /^PLUGIN_CAPABILITY_DENIED: .*crypto is not granted/,
    );
    expect(codeOf(() => cryptoSign({ algorithm: 'HS256' as never, key: pem, data: 'x' }, true))).toMatch(/RS256 only/);
    expect(codeOf(() => cryptoSign({ algorithm: 'RS256', key: ec, data: 'x' }, true))).toMatch(/needs an RSA key/);
    const broken = codeOf(() => cryptoSign({ algorithm: 'RS256', key: 'not-a-key-s3cret', data: 'x' }, true));
    expect(broken).toMatch(/the key is not a PEM private key/);
    expect(broken).not.toContain('s3cret');
    expect(codeOf(() => cryptoSign({ algorithm: 'RS256', key: pem, data: 'x'.repeat(70_000) }, true))).toMatch(
      /^PLUGIN_LIMIT_EXCEEDED/,
    );
  });
});
