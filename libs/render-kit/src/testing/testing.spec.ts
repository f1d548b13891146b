import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApplication, writeTree } from './index';

describe('testApplication', () => {
  it('is guestbook rendered for prod, with overrides applied', () => {
    expect(testApplication()).toMatchObject({ name: 'guestbook', destinationNamespace: 'prod', apiVersions: [] });
    expect(testApplication({ name: 'web', apiVersions: ['v1'] })).toEqual({
      ...testApplication(),
      name: 'web',
      apiVersions: ['v1'],
    });
  });
});

describe('writeTree', () => {
  it('writes nested files under the root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'driftless-render-kit-'));
    try {
      await writeTree(root, { 'a.yaml': 'a', 'b/c/d.yaml': 'd' });
      expect(await readFile(join(root, 'a.yaml'), 'utf8')).toBe('a');
      expect(await readFile(join(root, 'b/c/d.yaml'), 'utf8')).toBe('d');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
