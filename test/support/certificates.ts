// A throw-away CA with a server certificate for 127.0.0.1 / localhost and a
// client certificate, made with openssl at test time.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TestCertificates {
  caCert: string;
  /** Server certificate and key for 127.0.0.1 / localhost. */
  serverCert: string;
  serverKey: string;
  /** A client certificate and key signed by the same CA. */
  clientCert: string;
  clientKey: string;
}

export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-certs-'));
  const file = (name: string) => join(dir, name);
  const keyOptions = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await exec('openssl', [
      'req',
      '-x509',
      ...keyOptions,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
      '-days',
      '2',
      '-subj',
      '/CN=driftless-test-ca',
    ]);
    const issue = async (name: string, subject: string, extensions: string) => {
      await exec('openssl', [
        'req',
        ...keyOptions,
        '-keyout',
        file(`${name}.key`),
        '-out',
        file(`${name}.csr`),
        '-subj',
        subject,
      ]);
      await writeFile(file(`${name}.ext`), `${extensions}\n`);
      await exec('openssl', [
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        '-CA',
        file('ca.crt'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-out',
        file(`${name}.crt`),
        '-days',
        '2',
        '-extfile',
        file(`${name}.ext`),
      ]);
    };
    await issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
    await issue('client', '/CN=driftless-client', 'extendedKeyUsage=clientAuth');
    const read = (name: string) => readFile(file(name), 'utf8');
    return {
      caCert: await read('ca.crt'),
      serverCert: await read('server.crt'),
      serverKey: await read('server.key'),
      clientCert: await read('client.crt'),
      clientKey: await read('client.key'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
