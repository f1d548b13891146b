import { checkManifests } from './manifest-limits';

const object = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('checkManifests', () => {
  it('returns the JSON size of manifests within the limits', () => {
    expect(checkManifests([object('a')], { maxManifests: 1, maxBytes: 1000 })).toBe(JSON.stringify(object('a')).length);
  });

  it('refuses too many, too large, and objects without a name', () => {
    expect(() => checkManifests([object('a'), object('b')], { maxManifests: 1, maxBytes: 1e6 })).toThrow(
      'rendered 2 manifests, more than the limit of 1',
    );
    expect(() => checkManifests([object('a'.repeat(100))], { maxManifests: 5, maxBytes: 50 })).toThrow(
      'larger than the limit of 50 bytes',
    );
    expect(() =>
      checkManifests([{ apiVersion: 'v1', kind: 'Pod', metadata: {} }], { maxManifests: 5, maxBytes: 1e6 }),
    ).toThrow('manifest 0 (Pod) has no metadata.name');
    expect(
      checkManifests([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'x-' } }], {
        maxManifests: 5,
        maxBytes: 1e6,
      }),
    ).toBeGreaterThan(0);
  });
});
