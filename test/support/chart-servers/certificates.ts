// A throwaway CA and a server certificate for 127.0.0.1, made with openssl.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  ca: string;
  /** Server certificate and key for 127.0.0.1 / localhost. */
  cert: string;
  key: string;
  /** A client certificate and key signed by the same CA. */
  clientCert: string;
  clientKey: string;
}

export async function makeCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-certs-'));
  const path = (name: string) => join(dir, name);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=driftless test CA',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.crt'),
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    path('server.key'),
    '-out',
    path('server.csr'),
  ]);
  await writeFile(path('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca.crt'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    path('ext.cnf'),
    '-out',
    path('server.crt'),
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=driftless-client',
    '-keyout',
    path('client.key'),
    '-out',
    path('client.csr'),
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    path('client.csr'),
    '-CA',
    path('ca.crt'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    path('client.crt'),
  ]);
  const [ca = '', cert = '', key = '', clientCert = '', clientKey = ''] = await Promise.all(
    ['ca.crt', 'server.crt', 'server.key', 'client.crt', 'client.key'].map((name) => readFile(path(name), 'utf8')),
  );
  return { ca, cert, key, clientCert, clientKey };
}
