import { parseHelmOptions } from './helm-options';

describe('parseHelmOptions', () => {
  it('reads an empty block as Argo CD’s defaults', () => {
    expect(parseHelmOptions({})).toEqual({
      valueFiles: [],
      parameters: [],
      fileParameters: [],
      passCredentials: false,
      ignoreMissingValueFiles: false,
      skipCrds: false,
      skipSchemaValidation: false,
      skipTests: false,
    });
  });

  it('lets valuesObject win over values', () => {
    expect(parseHelmOptions({ values: 'a: 1', valuesObject: { a: 2 } }).inlineValues).toBe('{"a":2}');
    expect(parseHelmOptions({ values: 'a: 1' }).inlineValues).toBe('a: 1');
    expect(parseHelmOptions({ values: '' }).inlineValues).toBeUndefined();
  });

  it('reads parameters and file parameters', () => {
    const options = parseHelmOptions({
      parameters: [
        { name: 'replicas', value: 3 },
        { name: 'tag', value: '1.0', forceString: true },
      ],
      fileParameters: [{ name: 'config', path: 'config.txt' }],
      releaseName: 'rel',
      apiVersions: ['apps/v1'],
    });
    expect(options.parameters).toEqual([
      { name: 'replicas', value: '3', forceString: false },
      { name: 'tag', value: '1.0', forceString: true },
    ]);
    expect(options.fileParameters).toEqual([{ name: 'config', path: 'config.txt' }]);
    expect(options.releaseName).toBe('rel');
    expect(options.apiVersions).toEqual(['apps/v1']);
  });

  it.each([
    [{ valueFiles: 'values.yaml' }, 'helm.valueFiles must be a list of strings'],
    [{ skipCrds: 'yes' }, 'helm.skipCrds must be true or false'],
    [{ parameters: [{ value: '1' }] }, 'helm.parameters[0] has no name'],
    [{ fileParameters: [{ name: 'x' }] }, 'helm.fileParameters[0] needs a name and a path'],
    [{ valuesObject: ['a'] }, 'helm.valuesObject must be an object'],
  ])('refuses %j', (block, message) => {
    expect(() => parseHelmOptions(block)).toThrow(message);
  });
});
