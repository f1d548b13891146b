// A loopback npm registry for install tests: enough of the registry protocol
// for the real npm client to publish (PUT /<name>) and for the installer to
// read packuments and tarballs. `tamper` swaps a stored tarball's bytes to
// check that the installer refuses a package that no longer matches its
// pinned integrity.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

interface VersionDoc {
  dist: { tarball: string; integrity: string; shasum?: string };
  [key: string]: unknown;
}

interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, VersionDoc>;
}

export interface LoopbackRegistry {
  url: string;
  token: string;
  publishes: number;
  tamper(name: string, version: string): void;
  close(): Promise<void>;
}

export async function startLoopbackRegistry(): Promise<LoopbackRegistry> {
  const packuments = new Map<string, Packument>();
  const tarballs = new Map<string, Buffer>();
  const token = 'loopback-test-token';
  const state = { publishes: 0 };
  let url = '';

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (request.method === 'PUT' && !path.includes('/-/')) {
        if (request.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'unauthorized' });
        const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Packument & {
          _attachments: Record<string, { data: string }>;
        };
        const name = path.slice(1);
        const existing = packuments.get(name) ?? { name, 'dist-tags': {}, versions: {} };
        for (const [version, versionDoc] of Object.entries(doc.versions)) {
          if (existing.versions[version]) return send(409, { error: `${name}@${version} exists` });
          const file = `${name.replace('/', '-')}-${version}.tgz`;
          const attachment = Object.values(doc._attachments)[0];
          if (!attachment) return send(400, { error: 'no tarball attached' });
          tarballs.set(file, Buffer.from(attachment.data, 'base64'));
          existing.versions[version] = {
            ...versionDoc,
            dist: { ...versionDoc.dist, tarball: `${url}/${name}/-/${file}` },
          };
        }
        existing['dist-tags'] = { ...existing['dist-tags'], ...doc['dist-tags'] };
        packuments.set(name, existing);
        state.publishes += 1;
        return send(201, { ok: true });
      }
      if (request.method === 'GET' && path.includes('/-/')) {
        const tarball = tarballs.get(path.slice(path.lastIndexOf('/') + 1));
        if (!tarball) return send(404, { error: 'not found' });
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
        return;
      }
      if (request.method === 'GET') {
        const packument = packuments.get(path.slice(1));
        return packument ? send(200, packument) : send(404, { error: 'not found' });
      }
      send(405, { error: 'method not allowed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    get publishes() {
      return state.publishes;
    },
    tamper(name, version) {
      const file = `${name.replace('/', '-')}-${version}.tgz`;
      const original = tarballs.get(file);
      if (!original) throw new Error(`no tarball ${file}`);
      const changed = Buffer.from(original);
      changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 0xff;
      tarballs.set(file, changed);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
