import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError } from '../../errors';
import { workspaceExists, workspaceReadFiles, workspaceWalk } from './workspace';

async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await work);
  } catch (error) {
    if (error instanceof PluginError) return `${error.code}: ${error.reason}`;
    throw error;
  }
}

describe('workspace walk, readFiles, exists and refs', () => {
  let base: string;
  let root: string;
  let values: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'driftless-walk-'));
    root = join(base, 'repo');
    values = join(base, 'values-repo');
    await mkdir(join(root, 'app', 'nested', 'deeper'), { recursive: true });
    await mkdir(join(root, 'app', '.git'), { recursive: true });
    await mkdir(join(root, 'bad'), { recursive: true });
    await mkdir(join(values, 'env'), { recursive: true });
    await writeFile(join(root, 'app', '.git', 'config'), '[core]\n');
    await writeFile(join(root, 'app', 'a.yaml'), 'a: 1\n');
    await writeFile(join(root, 'app', 'nested', 'b.yaml'), 'b: 22\n');
    await writeFile(join(root, 'app', 'nested', 'deeper', 'c.json'), '{}');
    await symlink('../a.yaml', join(root, 'app', 'nested', 'link.yaml'));
    await writeFile(join(values, 'env', 'prod.yaml'), 'replicas: 3\n');
    await writeFile(join(base, 'secret.yaml'), 'password: hunter2\n');
    await symlink('../../secret.yaml', join(root, 'bad', 'x.yaml'));
    await symlink('loop-b', join(root, 'bad', 'loop-a'));
    await symlink('loop-a', join(root, 'bad', 'loop-b'));
  });

  afterAll(() => rm(base, { recursive: true, force: true }));

  it('walks files with sizes, sorted, skipping .git and following links that stay inside', async () => {
    expect(await workspaceWalk(root, 'app')).toEqual([
      { path: 'app/a.yaml', size: 5 },
      { path: 'app/nested/b.yaml', size: 6 },
      { path: 'app/nested/deeper/c.json', size: 2 },
      { path: 'app/nested/link.yaml', size: 5 },
    ]);
  });

  it('stays in the top directory without recurse and stops at maxFiles', async () => {
    expect(await workspaceWalk(root, './app/', { recurse: false })).toEqual([{ path: 'app/a.yaml', size: 5 }]);
    expect(await outcome(workspaceWalk(root, 'app', { maxFiles: 2 }))).toBe(
      'PLUGIN_LIMIT_EXCEEDED: workspace path "app" has more than 2 files',
    );
  });

  it('fails on an out-of-bounds symlink (BI-SYM-1) and on a link loop (BI-SYM-2), naming the path', async () => {
    const walked = await outcome(workspaceWalk(root, 'bad'));
    expect(walked).toMatch(/^PLUGIN_(CAPABILITY_DENIED|CALL_FAILED): workspace path "bad\/(loop-a|x\.yaml)"/);
    await rm(join(root, 'bad', 'loop-a'));
    await rm(join(root, 'bad', 'loop-b'));
    expect(await outcome(workspaceWalk(root, 'bad'))).toBe(
      'PLUGIN_CAPABILITY_DENIED: workspace path "bad/x.yaml" is an out-of-bounds symlink',
    );
    expect(await outcome(workspaceReadFiles(root, ['bad/x.yaml']))).not.toContain('hunter2');
  });

  it('reads several files in one call and answers exists', async () => {
    expect(await workspaceReadFiles(root, ['app/a.yaml', 'app/nested/b.yaml'])).toEqual({
      'app/a.yaml': 'a: 1\n',
      'app/nested/b.yaml': 'b: 22\n',
    });
    expect(await workspaceExists(root, 'app/a.yaml')).toBe(true);
    expect(await workspaceExists(root, 'app/missing.yaml')).toBe(false);
    expect(await outcome(workspaceExists(root, '../secret.yaml'))).toMatch(/leaves the workspace/);
  });

  it('reads ref sources as $name/…, and nothing else', async () => {
    const roots = { root, refs: { values } };
    expect(await workspaceReadFiles(roots, ['$values/env/prod.yaml'])).toEqual({
      '$values/env/prod.yaml': 'replicas: 3\n',
    });
    expect(await workspaceWalk(roots, '$values')).toEqual([{ path: '$values/env/prod.yaml', size: 12 }]);
    expect(await outcome(workspaceReadFiles(roots, ['$other/x.yaml']))).toBe(
      'PLUGIN_CAPABILITY_DENIED: workspace path "$other/x.yaml" names source ref "other", which this call has not',
    );
    expect(await outcome(workspaceReadFiles(roots, ['$values/../repo/app/a.yaml']))).toMatch(/leaves the workspace/);
  });
});
