import { type ApplicationSource } from '@driftless/schema';
import { hasUnsetFlags, kustomizeImageMatches, unsetSource } from './source-unset';

const helmSource: ApplicationSource = {
  repoURL: 'https://git.example/charts.git',
  path: 'web',
  ref: 'values',
  helm: {
    valueFiles: ['values.yaml', 'prod.yaml'],
    parameters: [
      { name: 'image.tag', value: 'v2' },
      { name: 'replicas', value: '3' },
    ],
    values: 'a: 1\n',
    valuesObject: { a: 1 },
    passCredentials: true,
    ignoreMissingValueFiles: true,
    releaseName: 'web',
  },
};

const kustomizeSource: ApplicationSource = {
  repoURL: 'https://git.example/apps.git',
  path: 'overlays/prod',
  kustomize: { images: ['node:8.15.0', 'mysql=mariadb'], namePrefix: 'p-', nameSuffix: '-s', version: 'v5' },
};

describe('app unset', () => {
  it('removes the named Helm parameter and value file, keeping the rest', () => {
    expect(unsetSource(helmSource, { parameter: ['image.tag'], values: ['prod.yaml'] })?.helm).toEqual({
      ...helmSource.helm,
      parameters: [{ name: 'replicas', value: '3' }],
      valueFiles: ['values.yaml'],
    });
  });

  it('clears inline values (string and object), the Helm booleans and the ref', () => {
    const source = unsetSource(helmSource, {
      valuesLiteral: true,
      passCredentials: true,
      ignoreMissingValueFiles: true,
      ref: true,
    });
    expect(source?.ref).toBeUndefined();
    expect(source?.helm).toEqual({
      valueFiles: ['values.yaml', 'prod.yaml'],
      parameters: helmSource.helm?.parameters,
      releaseName: 'web',
    });
  });

  it('drops a helm block it emptied, and leaves the input alone', () => {
    const source: ApplicationSource = { repoURL: 'r', path: 'p', helm: { parameters: [{ name: 'a', value: '1' }] } };
    expect(unsetSource(source, { parameter: ['a'] })).toEqual({ repoURL: 'r', path: 'p' });
    expect(source.helm?.parameters).toHaveLength(1);
  });

  it('removes Kustomize images by name and the name prefix, suffix and version', () => {
    expect(unsetSource(kustomizeSource, { kustomizeImage: ['node'] })?.kustomize?.images).toEqual(['mysql=mariadb']);
    expect(unsetSource(kustomizeSource, { kustomizeImage: ['mysql'] })?.kustomize?.images).toEqual(['node:8.15.0']);
    expect(
      unsetSource(kustomizeSource, { nameprefix: true, namesuffix: true, kustomizeVersion: true })?.kustomize,
    ).toEqual({ images: ['node:8.15.0', 'mysql=mariadb'] });
  });

  it('matches Kustomize images on the name part, as Argo CD', () => {
    expect(kustomizeImageMatches('node', 'node:8.15.0')).toBe(true);
    expect(kustomizeImageMatches('node:9', 'node:8.15.0')).toBe(true);
    expect(kustomizeImageMatches('nodejs', 'node:8.15.0')).toBe(false);
    expect(kustomizeImageMatches('mysql', 'mysql=mariadb')).toBe(true);
  });

  it('reports nothing to write when what the flags name is not set', () => {
    expect(unsetSource(helmSource, { parameter: ['missing'], values: ['other.yaml'] })).toBeUndefined();
    expect(unsetSource(kustomizeSource, { kustomizeImage: ['redis'], ref: true })).toBeUndefined();
    expect(unsetSource({ repoURL: 'r', helm: {}, kustomize: { images: [] } }, { parameter: ['a'] })).toBeUndefined();
  });

  it('knows when no flag was given', () => {
    expect(hasUnsetFlags({})).toBe(false);
    expect(hasUnsetFlags({ values: [] })).toBe(false);
    expect(hasUnsetFlags({ namesuffix: true })).toBe(true);
  });
});
