// host.crypto.sign: RS256 signatures with a key the plugin holds (a GitHub
// App's private key from its service's secrets). Isolates have no WebCrypto,
// and RSA in plain JavaScript inside the CPU budget is slow; the host signs
// and returns only the signature. Neither the key nor an error about it is
// echoed back or logged.
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { type SignRequest, type SignResult } from '../../host-api';
import { denied, hostError } from './denied';

const MAX_DATA_CHARS = 64 * 1024;
const MAX_KEY_CHARS = 16 * 1024;

export function cryptoSign(request: SignRequest, granted: boolean | undefined): SignResult {
  if (!granted) throw denied('crypto is not granted to this plugin');
  if (request.algorithm !== 'RS256') throw denied(`crypto.sign supports RS256 only, not ${String(request.algorithm)}`);
  if (typeof request.data !== 'string' || request.data.length > MAX_DATA_CHARS)
    throw hostError(
      'PLUGIN_LIMIT_EXCEEDED',
      `crypto.sign data must be a string of at most ${MAX_DATA_CHARS} characters`,
    );
  if (typeof request.key !== 'string' || request.key.length > MAX_KEY_CHARS)
    throw denied('crypto.sign key must be a PEM private key');
  let key: KeyObject;
  try {
    key = createPrivateKey(request.key);
  } catch {
    throw hostError('PLUGIN_CALL_FAILED', 'crypto.sign: the key is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw hostError('PLUGIN_CALL_FAILED', 'crypto.sign: RS256 needs an RSA key');
  const signature = createSign('RSA-SHA256').update(request.data).sign(key).toString('base64url');
  return { signature };
}
