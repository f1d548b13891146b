import {
  buildableDependencies,
  chartDependencies,
  chartName,
  isRepositoryDependency,
  lockedVersions,
  missingDependencies,
} from './chart-dependencies';

const chartYaml = [
  'apiVersion: v2',
  'name: web',
  'version: 1.0.0',
  'dependencies:',
  '- name: common',
  '  version: 0.1.0',
  '  repository: file://../common',
  '- name: redis',
  '  version: 18.0.0',
  '  repository: https://charts.example.com',
].join('\n');

describe('chart dependencies', () => {
  it('reads the dependencies of Chart.yaml', () => {
    expect(chartDependencies(chartYaml)).toEqual([
      { name: 'common', repository: 'file://../common', version: '0.1.0' },
      { name: 'redis', repository: 'https://charts.example.com', version: '18.0.0' },
    ]);
    expect(chartDependencies('apiVersion: v2\nname: x\n')).toEqual([]);
  });

  it('finds those not vendored in charts/ (directory or archive)', () => {
    const dependencies = chartDependencies(chartYaml);
    expect(missingDependencies(dependencies, ['common-0.1.0.tgz', 'redis'])).toEqual([]);
    expect(missingDependencies(dependencies, ['redis-18.0.0.tgz']).map(({ name }) => name)).toEqual(['common']);
  });

  it('builds file:// dependencies that stay inside the repository', () => {
    expect(buildableDependencies('charts/web', [{ name: 'common', repository: 'file://../common' }])).toEqual([
      'charts/common',
    ]);
  });

  it('refuses repository dependencies and file:// paths outside the repository', () => {
    expect(() => buildableDependencies('web', [{ name: 'redis', repository: 'https://charts.example.com' }])).toThrow(
      /fetches https:\/\/ and oci:\/\/ repositories and builds file:\/\/ dependencies/,
    );
    expect(() => buildableDependencies('web', [{ name: 'x', repository: 'file://../../outside' }])).toThrow(
      /outside the repository/,
    );
    expect(() => buildableDependencies('web', [{ name: 'x', repository: 'file:///etc' }])).toThrow(
      /outside the repository/,
    );
  });

  it('tells repository dependencies from others, reads Chart.lock pins and chart names', () => {
    expect(
      ['https://charts.example.com', 'oci://registry.example.com/charts', 'file://../x', '@bitnami', ''].map(
        (repository) => isRepositoryDependency({ name: 'x', repository }),
      ),
    ).toEqual([true, true, false, false, false]);
    const lock =
      'dependencies:\n- name: redis\n  repository: https://charts.example.com\n  version: 18.1.5\ndigest: sha256:x\n';
    expect(lockedVersions(lock)).toEqual(new Map([['redis\nhttps://charts.example.com', '18.1.5']]));
    expect(chartName('apiVersion: v2\nname: redis\n')).toBe('redis');
    expect(chartName('{not yaml')).toBe('');
  });
});
