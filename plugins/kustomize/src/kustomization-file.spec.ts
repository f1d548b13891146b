import { type HostApi } from '@driftless/plugin-sdk';
import { buildInputs, references } from './kustomization-file';

/** A host whose workspace is an in-memory file tree. */
function fakeHost(files: Record<string, string>): HostApi {
  const isDir = (path: string) => path === '.' || Object.keys(files).some((file) => file.startsWith(`${path}/`));
  const workspace: HostApi['workspace'] = {
    readFile: (path) => {
      const text = files[path];
      return text === undefined ? Promise.reject(new Error(`${path} does not exist`)) : Promise.resolve(text);
    },
    readFiles: () => Promise.reject(new Error('unused')),
    list: (path) => {
      if (!isDir(path)) return Promise.reject(new Error(`${path} is not a directory`));
      const prefix = path === '.' ? '' : `${path}/`;
      const names = new Map<string, 'file' | 'directory'>();
      for (const file of Object.keys(files).filter((name) => name.startsWith(prefix))) {
        const [first, ...rest] = file.slice(prefix.length).split('/');
        names.set(first as string, rest.length > 0 ? 'directory' : 'file');
      }
      return Promise.resolve([...names].map(([name, type]) => ({ name, type })));
    },
    walk: () => Promise.reject(new Error('unused')),
    exists: (path) => Promise.resolve(path in files || isDir(path)),
  };
  return { workspace } as HostApi;
}

describe('references', () => {
  it('collects targets and files from every field kustomize reads', () => {
    expect(
      references({
        resources: ['../base', 'cm.yaml'],
        bases: ['../old'],
        components: ['../comp'],
        patchesStrategicMerge: ['smp.yaml', 'apiVersion: v1\nkind: X\n'],
        patches: [{ path: 'p.yaml' }, { patch: 'inline' }],
        patchesJson6902: [{ path: 'j.yaml' }],
        replacements: [{ path: 'r.yaml' }],
        configMapGenerator: [{ name: 'c', files: ['key=data/a.txt', 'b.txt'], envs: ['x.env'] }],
        secretGenerator: [{ name: 's', env: 's.env' }],
        crds: ['crd.yaml'],
        configurations: ['conf.yaml'],
        openapi: { path: 'schema.json' },
        helmCharts: [
          { name: 'local', valuesFile: 'v.yaml' },
          { name: 'remote', repo: 'https://charts.example.com' },
        ],
      }),
    ).toEqual({
      targets: [
        '../base',
        'cm.yaml',
        '../old',
        '../comp',
        'crd.yaml',
        'conf.yaml',
        'charts/local',
        'https://charts.example.com',
      ],
      files: [
        'smp.yaml',
        'p.yaml',
        'j.yaml',
        'r.yaml',
        'data/a.txt',
        'b.txt',
        'x.env',
        's.env',
        'schema.json',
        'v.yaml',
      ],
    });
  });
});

describe('buildInputs', () => {
  it('follows bases and components through the workspace, outside the app directory', async () => {
    const host = fakeHost({
      'apps/web/kustomization.yaml':
        'resources: [../../base, svc.yaml]\ncomponents: [../../comp]\npatches: [{path: ../../patches/p.yaml}]\n',
      'apps/web/svc.yaml': '',
      'base/kustomization.yml': 'resources: [deploy.yaml]\nconfigMapGenerator: [{name: c, files: [../shared/a.txt]}]\n',
      'base/deploy.yaml': '',
      'shared/a.txt': '',
      'comp/Kustomization': 'kind: Component\n',
      'patches/p.yaml': '',
    });
    expect(await buildInputs(host, 'apps/web')).toEqual({
      dependencies: ['apps/web', 'base', 'comp', 'patches/p.yaml', 'shared/a.txt'],
      external: false,
    });
  });

  it('marks remote resources, components and charts as external', async () => {
    for (const kustomization of [
      'resources: [https://github.com/org/repo//base?ref=v1]',
      'components: [github.com/org/repo/comp?ref=main]',
      'helmCharts: [{name: x, repo: https://charts.example.com}]',
    ]) {
      const host = fakeHost({ 'app/kustomization.yaml': kustomization });
      expect(await buildInputs(host, 'app')).toEqual({ dependencies: ['app'], external: true });
    }
  });

  it('stops at a reference cycle', async () => {
    const host = fakeHost({ 'a/kustomization.yaml': 'resources: [../b]', 'b/kustomization.yaml': 'resources: [../a]' });
    expect(await buildInputs(host, 'a')).toEqual({ dependencies: ['a', 'b'], external: false });
  });
});
