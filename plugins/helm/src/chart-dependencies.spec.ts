import { buildableDependencies, chartDependencies, missingDependencies } from './chart-dependencies';

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
      { name: 'common', repository: 'file://../common' },
      { name: 'redis', repository: 'https://charts.example.com' },
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
      /builds only file:\/\/ dependencies/,
    );
    expect(() => buildableDependencies('web', [{ name: 'x', repository: 'file://../../outside' }])).toThrow(
      /outside the repository/,
    );
    expect(() => buildableDependencies('web', [{ name: 'x', repository: 'file:///etc' }])).toThrow(
      /outside the repository/,
    );
  });
});
