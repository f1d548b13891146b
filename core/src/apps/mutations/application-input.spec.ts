import { type Application } from '@driftless/schema';
import {
  InputProblem,
  applicationFromInput,
  assertOnlyEditableChanges,
  editablePartsOf,
  withEditableParts,
} from './application-input';

const spec = {
  project: 'team-a',
  source: { repoURL: 'https://git.example/apps.git', path: 'web', targetRevision: 'main' },
  destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
};

const stored = (): Application =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'web',
      namespace: 'argocd',
      uid: 'u-1',
      resourceVersion: '7',
      labels: { team: 'a' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec,
    status: { sync: { status: 'Synced' } },
  }) as unknown as Application;

describe('applicationFromInput', () => {
  it('builds the Application in the given namespace from metadata and spec', () => {
    const app = applicationFromInput({ metadata: { name: 'web', labels: { team: 'a' } }, spec }, 'argocd');
    expect(app).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web', namespace: 'argocd', labels: { team: 'a' } },
      spec,
    });
  });

  it('defaults the project as Argo CD does', () => {
    const { project: _project, ...withoutProject } = spec;
    expect(applicationFromInput({ metadata: { name: 'web' }, spec: withoutProject }, 'argocd').spec.project).toBe(
      'default',
    );
  });

  it.each<[string, Parameters<typeof applicationFromInput>[0], RegExp]>([
    [
      'an unknown spec field (operation smuggled in the spec)',
      { metadata: { name: 'web' }, spec: { ...spec, operation: {} } },
      /operation/,
    ],
    [
      'a spec field of the wrong type',
      { metadata: { name: 'web' }, spec: { ...spec, revisionHistoryLimit: 'ten' } },
      /revisionHistoryLimit/,
    ],
    [
      'a label that is not a string',
      { metadata: { name: 'web', labels: { tier: 3 } }, spec },
      /labels\["tier"\] must be a string/,
    ],
    [
      'a bad sync option',
      { metadata: { name: 'web' }, spec: { ...spec, syncPolicy: { syncOptions: ['Prune=maybe'] } } },
      /Prune/,
    ],
  ])('refuses %s', (_case, input, message) => {
    expect(() => applicationFromInput(input, 'argocd')).toThrow(InputProblem);
    expect(() => applicationFromInput(input, 'argocd')).toThrow(message);
  });
});

describe('editable parts', () => {
  it('replaces spec, labels, annotations and finalizers and keeps everything else as stored', () => {
    const next = withEditableParts(stored(), {
      spec: { ...spec, revisionHistoryLimit: 3 },
      labels: undefined,
      annotations: { note: 'x' },
      finalizers: [],
    });
    expect(next.metadata).toEqual({
      name: 'web',
      namespace: 'argocd',
      uid: 'u-1',
      resourceVersion: '7',
      annotations: { note: 'x' },
    });
    expect(next.status).toEqual({ sync: { status: 'Synced' } });
    expect(editablePartsOf(next).spec.revisionHistoryLimit).toBe(3);
  });

  it('accepts a patch result that changed only editable parts and bookkeeping', () => {
    const patched = stored();
    patched.spec = { ...spec, revisionHistoryLimit: 2 };
    patched.metadata = { ...patched.metadata, resourceVersion: '8', generation: 2, annotations: { a: 'b' } };
    expect(() => assertOnlyEditableChanges(stored(), patched)).not.toThrow();
  });

  it.each<[string, (app: Application) => void]>([
    ['an operation', (app) => (app.operation = { sync: {} })],
    ['the status', (app) => (app.status = { sync: { status: 'OutOfSync' } })],
    ['the name', (app) => (app.metadata.name = 'other')],
    ['the uid', (app) => (app.metadata.uid = 'u-2')],
  ])('refuses a patch result that changed %s (BI-RBAC-2)', (_case, change) => {
    const patched = stored();
    change(patched);
    expect(() => assertOnlyEditableChanges(stored(), patched)).toThrow(/^a patch may change only spec/);
  });
});
