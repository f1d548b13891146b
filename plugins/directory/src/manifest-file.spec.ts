import { parseJsonManifest, parseYamlManifests } from './manifest-file';

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('parseYamlManifests', () => {
  it('reads every object of a multi-document file, skipping empty documents', () => {
    const text =
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    expect(parseYamlManifests('app/x.yaml', text)).toEqual([cm('a'), cm('b')]);
  });

  it('ignores a YAML file that is not a manifest (values files, configs)', () => {
    expect(parseYamlManifests('app/values.yaml', 'replicas: 3\nimage: nginx\n')).toEqual([]);
    expect(parseYamlManifests('app/list.yaml', '- a\n- b\n')).toEqual([]);
    expect(parseYamlManifests('app/bad.yaml', 'a: [1\n')).toEqual([]);
  });

  it('fails, naming file and document, when a later document is not an object', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nreplicas: 3\n';
    expect(() => parseYamlManifests('app/x.yaml', text)).toThrow(
      `failed to unmarshal "app/x.yaml": document 2: it is not a Kubernetes object: 'kind' is missing`,
    );
  });

  it('fails when a file that looks like a manifest does not parse', () => {
    const text = 'apiVersion: v1\nmetadata:\n  name: a\nkind: [ConfigMap\n';
    expect(() => parseYamlManifests('app/x.yaml', text)).toThrow(/^failed to unmarshal "app\/x.yaml": document 1: /);
  });

  it('reads a JSON object in a .yaml file', () => {
    expect(parseYamlManifests('x.yaml', JSON.stringify(cm('a')))).toEqual([cm('a')]);
  });
});

describe('parseJsonManifest', () => {
  it('reads one object, ignores a non-Kubernetes JSON object, refuses the rest', () => {
    expect(parseJsonManifest('a.json', JSON.stringify(cm('a')))).toEqual([cm('a')]);
    expect(parseJsonManifest('package.json', '{"name": "x"}')).toEqual([]);
    expect(() => parseJsonManifest('a.json', '[1]')).toThrow('failed to unmarshal "a.json": it is a list');
    expect(() => parseJsonManifest('a.json', '{"kind":')).toThrow(/^failed to unmarshal "a.json": /);
    expect(() => parseJsonManifest('a.json', '{"kind": "A"}\n{"kind": "B"}')).toThrow('found multiple objects');
  });
});
