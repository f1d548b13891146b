import { parseManifests } from './manifests';

describe('parseManifests', () => {
  it('splits a stream, drops empty documents and keeps order', () => {
    const text = [
      '---',
      '# Source: web/templates/service.yaml',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      '---',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  annotations: {created: 2024-01-01}',
      '',
    ].join('\n');
    expect(parseManifests(text, 'output')).toEqual([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations: { created: '2024-01-01' } } },
    ]);
  });

  it('reads JSON and expands lists', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }],
    });
    expect(parseManifests(`${text}\n---\napiVersion: v1\nkind: ConfigMapList\nitems: null\n`, 'output')).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
    ]);
  });

  it('honours merge keys and lets a repeated key win, as Go’s YAML does', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbase: &b {x: 1}\ndata:\n  <<: *b\n  y: 2\n  y: 3\n';
    expect(parseManifests(text, 'output')[0]?.data).toEqual({ x: 1, y: 3 });
  });

  it('names the document that is not an object, without its content', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: A\nmetadata: {}\n---\n- secret-value\n', 'helm output')).toThrow(
      'helm output, document 2, is not an object',
    );
    expect(() => parseManifests('metadata: {name: secret-value}\n', 'out')).toThrow(
      'out, document 1, has no apiVersion or kind',
    );
  });

  it('reports invalid YAML by line', () => {
    expect(() => parseManifests('a: [\n', 'out')).toThrow(/out is not valid YAML at line \d/);
  });
});
