import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PluginError } from '../../errors';
import { WorkspaceCopy } from './workspace-copy';

async function listing(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .map((entry) => {
      const path = relative(root, join(entry.parentPath, entry.name));
      return entry.isSymbolicLink() ? `${path} ->` : entry.isDirectory() ? `${path}/` : path;
    })
    .sort();
}

describe('WorkspaceCopy', () => {
  let base: string;
  let source: string;
  let count = 0;
  const newCopy = (limits?: { maxFiles: number; maxBytes: number }) =>
    new WorkspaceCopy(source, join(base, `copy-${(count += 1)}`), limits);

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'driftless-wscopy-'));
    source = join(base, 'repo');
    for (const dir of ['charts/web/templates', 'charts/common', 'apps/a', 'apps/b', 'envs'])
      await mkdir(join(source, dir), { recursive: true });
    await writeFile(join(source, 'charts/web/Chart.yaml'), 'name: web\n');
    await writeFile(join(source, 'charts/web/templates/cm.yaml'), 'kind: ConfigMap\n');
    await writeFile(join(source, 'charts/common/Chart.yaml'), 'name: common\n');
    await writeFile(join(source, 'apps/a/x.yaml'), 'a\n');
    await writeFile(join(source, 'apps/b/x.yaml'), 'b\n');
    await writeFile(join(source, 'envs/prod.yaml'), 'replicas: 3\n');
    // A link from the chart to elsewhere in the repository.
    await symlink('../../envs/prod.yaml', join(source, 'charts/web/prod-values.yaml'));
  });

  afterAll(() => rm(base, { recursive: true, force: true }));

  it('copies only the named paths, and the targets of links inside them', async () => {
    const copy = newCopy();
    await copy.add(['charts/web', './envs/prod.yaml']);
    expect(await listing(copy.target)).toEqual([
      'charts/',
      'charts/web/',
      'charts/web/Chart.yaml',
      'charts/web/prod-values.yaml ->',
      'charts/web/templates/',
      'charts/web/templates/cm.yaml',
      'envs/',
      'envs/prod.yaml',
    ]);
    expect(await readFile(join(copy.target, 'charts/web/prod-values.yaml'), 'utf8')).toBe('replicas: 3\n');
    expect(await readlink(join(copy.target, 'charts/web/prod-values.yaml'))).toBe('../../envs/prod.yaml');
  });

  it('follows a link to a path not named, so it does not dangle', async () => {
    const copy = newCopy();
    await copy.add(['charts/web']);
    expect(await readFile(join(copy.target, 'charts/web/prod-values.yaml'), 'utf8')).toBe('replicas: 3\n');
    expect(await listing(copy.target)).not.toContain('apps/');
  });

  it('grows with later paths, keeping files written in between, and copies everything without paths', async () => {
    const copy = newCopy();
    await copy.add(['charts/web']);
    await writeFile(join(copy.target, 'charts/web/Chart.yaml'), 'changed by an earlier exec\n');
    await copy.add(['charts/common']);
    await copy.add();
    expect(await readFile(join(copy.target, 'charts/web/Chart.yaml'), 'utf8')).toBe('changed by an earlier exec\n');
    expect(await listing(copy.target)).toEqual(expect.arrayContaining(['apps/a/x.yaml', 'charts/common/Chart.yaml']));
    expect((await lstat(join(copy.target, 'apps/b/x.yaml'))).mode & 0o777).toBe(0o644);
  });

  it('ignores a named path that does not exist (the tool reports it) and refuses paths that leave', async () => {
    const copy = newCopy();
    await copy.add(['charts/missing']);
    expect(await listing(copy.target)).toEqual([]);
    for (const path of ['../outside', '/etc/passwd', 'charts/../../x']) {
      const error = await copy.add([path]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PluginError);
      expect((error as PluginError).reason).toContain('must be relative to the workspace root, without ..');
    }
  });

  it('counts files against the limit across additions', async () => {
    const copy = newCopy({ maxFiles: 3, maxBytes: 1024 });
    await copy.add(['charts/web']);
    const error = await copy.add(['apps']).catch((caught: unknown) => caught);
    expect((error as PluginError).reason).toBe('the workspace has more than 3 files');
  });
});
