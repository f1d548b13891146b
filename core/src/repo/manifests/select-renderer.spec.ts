import { type ApplicationSource } from '@driftless/schema';
import { selectRenderer, type RendererChoice } from './select-renderer';

const renderers: RendererChoice[] = [
  { id: 'builtin.directory', name: 'Directory', block: 'directory', files: [], dynamic: false, precedence: 0 },
  { id: 'builtin.helm', name: 'Helm', block: 'helm', files: ['Chart.yaml'], dynamic: false, precedence: 0 },
  {
    id: 'builtin.kustomize',
    name: 'Kustomize',
    block: 'kustomize',
    files: ['kustomization.yaml', 'kustomization.yml', 'Kustomization'],
    dynamic: false,
    precedence: 0,
  },
  { id: 'builtin.cmp', name: 'Plugin', block: 'plugin', files: [], dynamic: true, precedence: 0 },
];
const git = { repoURL: 'https://git.example.com/repo.git', path: 'app' } satisfies ApplicationSource;
const pick = (source: ApplicationSource, appFiles: string[] = [], claimedBy?: RendererChoice): string =>
  selectRenderer({ source, renderers, appFiles, ...(claimedBy ? { claimedBy } : {}) }).name;

describe('selectRenderer (Argo CD source type detection)', () => {
  it('takes an explicit block over everything else', () => {
    expect(pick({ ...git, directory: { recurse: true } }, ['Chart.yaml'])).toBe('Directory');
    expect(pick({ ...git, helm: {} }, ['kustomization.yaml'])).toBe('Helm');
    expect(pick({ ...git, plugin: { name: 'x' } })).toBe('Plugin');
  });

  it('refuses two blocks with the error Argo CD gives', () => {
    expect(() => pick({ ...git, helm: {}, kustomize: {} })).toThrow(
      'multiple application sources defined: helm, kustomize',
    );
  });

  it('renders a chart source with Helm', () => {
    expect(pick({ repoURL: 'https://charts.example.com', chart: 'nginx', targetRevision: '1.*' })).toBe('Helm');
  });

  it('asks dynamic plugins before file names', () => {
    expect(pick(git, ['Chart.yaml'], renderers[3])).toBe('Plugin');
  });

  it('detects by file names, Kustomize over Helm when both are present, else Directory', () => {
    expect(pick(git, ['Chart.yaml', 'values.yaml'])).toBe('Helm');
    expect(pick(git, ['MyChart.yaml'])).toBe('Helm');
    expect(pick(git, ['Kustomization'])).toBe('Kustomize');
    expect(pick(git, ['kustomization.yml', 'Chart.yaml'])).toBe('Kustomize');
    expect(pick(git, ['deployment.yaml'])).toBe('Directory');
  });

  it('names a missing renderer plugin', () => {
    expect(() =>
      selectRenderer({ source: { ...git, helm: {} }, renderers: [renderers[0] as RendererChoice], appFiles: [] }),
    ).toThrow('no renderer plugin reads the "helm" block');
  });
});
