import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError } from '../../errors';
import { workspaceList, workspaceReadFile } from './workspace';

describe('workspace', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-ws-'));
    await mkdir(join(root, 'app'));
    await writeFile(join(root, 'app', 'values.yaml'), 'replicas: 2\n');
    await symlink('app/values.yaml', join(root, 'inside-link'));
    await symlink('/etc', join(root, 'outside-link'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  async function code(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (error) {
      if (error instanceof PluginError) return `${error.code}: ${error.reason}`;
      throw error;
    }
    return 'ok';
  }

  it('reads files and follows links that stay inside', async () => {
    expect(await workspaceReadFile(root, 'app/values.yaml')).toBe('replicas: 2\n');
    expect(await workspaceReadFile(root, './app/../app/values.yaml')).toBe('replicas: 2\n');
    expect(await workspaceReadFile(root, 'inside-link')).toBe('replicas: 2\n');
  });

  it('lists entries, leaving out links that leave the workspace', async () => {
    expect(await workspaceList(root, '.')).toEqual([
      { name: 'app', type: 'directory' },
      { name: 'inside-link', type: 'file' },
    ]);
  });

  it.each([
    ['../', 'leaves the workspace'],
    ['app/../../etc/passwd', 'leaves the workspace'],
    ['/etc/passwd', 'is absolute'],
    ['outside-link/passwd', 'link that leaves the workspace'],
  ])('refuses %s', async (path, reason) => {
    expect(await code(workspaceReadFile(root, path))).toMatch(new RegExp(`^PLUGIN_CAPABILITY_DENIED: .*${reason}`));
  });

  it('is denied when the call has no workspace', async () => {
    expect(await code(workspaceReadFile(undefined, 'a'))).toBe(
      'PLUGIN_CAPABILITY_DENIED: workspace is not available to this call',
    );
  });
});
