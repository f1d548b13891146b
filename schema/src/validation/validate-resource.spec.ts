import { validateResource } from './validate-resource';
import { formatIssue } from './validation-issue';

const application = (spec: object, extra: object = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook' },
  spec,
  ...extra,
});

const validSpec = {
  project: 'default',
  source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook' },
  destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
};

describe('validateResource', () => {
  it('accepts a valid Application object', () => {
    expect(validateResource(application(validSpec))).toEqual([]);
  });

  it('reports the path of a wrong type as a JSON path', () => {
    const issues = validateResource(
      application({ ...validSpec, source: { ...validSpec.source, helm: { valueFiles: ['a.yaml', 7] } } }),
    );
    expect(issues).toEqual([
      {
        path: 'spec.source.helm.valueFiles[1]',
        severity: 'error',
        message: 'expected a string but found the number 7; quote it: "7"',
      },
    ]);
  });

  it('treats null fields as absent, as the API server does', () => {
    expect(validateResource(application({ ...validSpec, ignoreDifferences: null, info: null }))).toEqual([]);
    expect(validateResource(application({ ...validSpec, destination: null }))).toEqual([
      expect.objectContaining({ path: 'spec', message: expect.stringContaining("'destination' is missing") }),
    ]);
  });

  it('requires metadata.name unless generateName is set', () => {
    const { metadata: _metadata, ...withoutName } = application(validSpec);
    expect(validateResource({ ...withoutName, metadata: { namespace: 'argocd' } })).toEqual([
      expect.objectContaining({ path: 'metadata', message: expect.stringContaining("'name' is missing") }),
    ]);
    expect(validateResource({ ...withoutName, metadata: { generateName: 'guestbook-' } })).toEqual([]);
  });

  it('rejects what is not an object', () => {
    for (const value of [undefined, null, 'text', 42, []]) {
      expect(validateResource(value)).toEqual([
        expect.objectContaining({ path: '', message: expect.stringContaining('expected a Kubernetes object') }),
      ]);
    }
  });

  it('suggests the closest known kind for an unknown argoproj.io kind', () => {
    expect(validateResource({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProj', metadata: { name: 'x' } })).toEqual([
      expect.objectContaining({ path: 'kind', message: expect.stringContaining("did you mean 'AppProject'?") }),
    ]);
  });

  it('leaves kinds of other Argo projects and of other groups alone', () => {
    expect(validateResource({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'w' } })).toEqual(
      [],
    );
    expect(validateResource({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: 1 })).toEqual(
      [],
    );
  });

  it('validates each item of a List with its index in the path', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [application(validSpec), application({ project: 'default' })],
    };
    expect(validateResource(list)).toEqual([
      expect.objectContaining({ path: 'items[1].spec', message: expect.stringContaining("'destination' is missing") }),
      expect.objectContaining({
        path: 'items[1].spec',
        message: expect.stringContaining("one of 'source', 'sources'"),
      }),
    ]);
  });

  it('checks Argo CD annotations on any kind', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync,PostSyncc' } },
    };
    expect(validateResource(job)).toEqual([
      {
        path: 'metadata.annotations["argocd.argoproj.io/hook"]',
        severity: 'error',
        message: expect.stringContaining("'PostSyncc' is not a hook type"),
      },
    ]);
  });

  it('does not apply completeness rules to an ApplicationSet template, which generators fill in', () => {
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'set' },
      spec: {
        generators: [{ clusters: {} }],
        template: { metadata: { name: '{{name}}' }, spec: { project: 'default', destination: {} } },
      },
    };
    expect(validateResource(set)).toEqual([]);
  });
});

describe('formatIssue', () => {
  it('prints file:line: path: message', () => {
    expect(
      formatIssue({ file: 'app.yaml', line: 12, path: 'spec.destination', message: 'bad', severity: 'error' }),
    ).toBe('app.yaml:12: spec.destination: bad');
  });

  it('marks warnings and leaves out what the issue does not have', () => {
    expect(formatIssue({ path: 'spec.source', message: 'ignored', severity: 'warning' })).toBe(
      'spec.source: warning: ignored',
    );
    expect(formatIssue({ file: 'a.yaml', line: 3, path: '', message: 'YAML syntax error', severity: 'error' })).toBe(
      'a.yaml:3: YAML syntax error',
    );
    expect(formatIssue({ file: 'a.yaml', document: 2, path: 'kind', message: 'x', severity: 'error' })).toBe(
      'a.yaml:document 2: kind: x',
    );
  });
});
