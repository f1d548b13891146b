// Servers that misbehave: a trickling or silent server ends in TIMEOUT with
// every git process killed (BI-DOS-3); a non-git service's banner is never
// echoed in the error (BI-SSRF-1).
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GitCache } from '../../core/src/repo/git';
import { startBannerServer, startSilentServer, startTricklingServer } from '../support/git-servers';
import { caught, visibleText, removeTestDir } from './helpers';

const exec = promisify(execFile);
const banner = '-ERR canary-banner-7e1f unknown command\r\n';

async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await exec('ps', ['-eo', 'pid,args']);
  return stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

describe('GitCache against hostile servers', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-hostile-'));
  });

  afterAll(async () => {
    await removeTestDir(root);
  });

  it.each([
    ['trickling', startTricklingServer],
    ['silent', startSilentServer],
  ])('stops a %s server at the deadline and kills git', async (_name, start) => {
    const server = await start();
    try {
      const cache = new GitCache({ root: join(root, `cache-${server.port}`), allowFileUrls: false, timeoutMs: 1_500 });
      const url = `http://127.0.0.1:${server.port}/repo.git`;
      const started = Date.now();
      const error = await caught(cache.resolveRevision({ url }, 'main'));
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toContain(url);
      expect(Date.now() - started).toBeLessThan(6_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await processesMentioning(`127.0.0.1:${server.port}`)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it.each(['http', 'ssh', 'git'])(
    'answers a generic error for a %s URL at a non-git port, without the banner',
    async (scheme) => {
      const server = await startBannerServer(banner);
      try {
        const cache = new GitCache({ root: join(root, `banner-${scheme}`), allowFileUrls: false, timeoutMs: 10_000 });
        const credentials = { url: '', type: 'git' as const, source: 's', insecure: true };
        const error = await caught(
          cache.resolveRevision({ url: `${scheme}://127.0.0.1:${server.port}/`, credentials }, 'main'),
        );
        expect(['FAILED', 'NOT_FOUND', 'TIMEOUT']).toContain(error.code);
        const text = visibleText(error);
        expect(text).not.toContain('canary-banner');
        expect(text).not.toContain('-ERR');
      } finally {
        await server.close();
      }
    },
  );
});
