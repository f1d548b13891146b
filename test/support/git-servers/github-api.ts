// Stands in for GitHub's API in the GitHub App test: POST
// /app/installations/{id}/access_tokens with an app JWT, verified with the
// app's public key, answers an installation token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';

export interface GitHubApp {
  appId: string;
  installationId: string;
  /** PKCS#1 PEM, as GitHub hands it out. */
  privateKeyPem: string;
  publicKey: KeyObject;
}

export function makeGitHubApp(appId = '12345', installationId = '67890'): GitHubApp {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    appId,
    installationId,
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey,
  };
}

export interface FakeGitHubApi {
  url: string;
  /** Token exchanges that passed verification. */
  exchanges: number;
  close(): Promise<void>;
}

export async function startFakeGitHubApi(app: GitHubApp, installationToken: string): Promise<FakeGitHubApi> {
  const api: FakeGitHubApi = { url: '', exchanges: 0, close: () => Promise.resolve() };
  const server = createServer((request, response) => {
    request.resume();
    void (async () => {
      const path = `/app/installations/${app.installationId}/access_tokens`;
      const jwt = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (request.method !== 'POST' || request.url !== path || !jwt) {
        response.writeHead(404).end('{"message":"Not Found"}');
        return;
      }
      try {
        await jwtVerify(jwt, app.publicKey, { algorithms: ['RS256'], issuer: app.appId });
      } catch {
        response.writeHead(401).end('{"message":"A JSON web token could not be decoded"}');
        return;
      }
      api.exchanges += 1;
      const expires = new Date(Date.now() + 3_600_000).toISOString();
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: installationToken, expires_at: expires }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise((resolve) => server.close(() => resolve()));
  return api;
}
