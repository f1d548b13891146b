// The `helm template` command line, as Argo CD's util/helm/cmd.go builds it.
// Precedence is Helm's own and does not depend on argument order: value files
// (`--values`, in order; the inline values last), then `--set`, then
// `--set-string`, then `--set-file`.

export interface TemplatePlan {
  releaseName: string;
  /** Chart directory, relative to the repository root (helm runs there). */
  chartPath: string;
  /** Omitted when empty. */
  namespace: string;
  /** Omitted when empty. */
  kubeVersion: string;
  apiVersions: readonly string[];
  /** Value files, relative to the repository root, in order. */
  valueFiles: readonly string[];
  /** The file holding `values`/`valuesObject`, passed after the value files. */
  inlineValuesFile?: string;
  set: ReadonlyMap<string, string>;
  setString: ReadonlyMap<string, string>;
  setFile: ReadonlyMap<string, string>;
  skipCrds: boolean;
  skipSchemaValidation: boolean;
  skipTests: boolean;
}

/**
 * Argo CD's cleanSetParameters: commas separate `--set` entries in Helm, so an
 * unescaped comma in a value is escaped; `{a,b}` (a Helm list) is left alone.
 */
export function cleanSetValue(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return value;
  let out = '';
  let previous = '';
  for (const character of value) {
    out += character === ',' && previous !== '\\' ? '\\,' : character;
    previous = character;
  }
  return out;
}

export function templateArgs(plan: TemplatePlan): string[] {
  const args = ['template', plan.releaseName, plan.chartPath];
  if (plan.namespace !== '') args.push('--namespace', plan.namespace);
  if (plan.kubeVersion !== '') args.push('--kube-version', plan.kubeVersion);
  for (const [name, value] of plan.set) args.push('--set', `${name}=${cleanSetValue(value)}`);
  for (const [name, value] of plan.setString) args.push('--set-string', `${name}=${cleanSetValue(value)}`);
  for (const [name, path] of plan.setFile) args.push('--set-file', `${name}=${cleanSetValue(path)}`);
  for (const file of plan.valueFiles) args.push('--values', file);
  if (plan.inlineValuesFile !== undefined) args.push('--values', plan.inlineValuesFile);
  for (const apiVersion of plan.apiVersions) args.push('--api-versions', apiVersion);
  if (!plan.skipCrds) args.push('--include-crds');
  if (plan.skipSchemaValidation) args.push('--skip-schema-validation');
  if (plan.skipTests) args.push('--skip-tests');
  return args;
}

/**
 * Argo CD's parseKubeVersion: Kubernetes' generic version parse, keeping the
 * numeric components only (`v1.31.2-eks-1234` → `1.31.2`), because some Helm
 * versions refuse the rest. '' stays ''.
 */
export function kubeVersionForHelm(version: string): string {
  if (version.trim() === '') return '';
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)*)/.exec(version);
  const components = match?.[1]?.split('.') ?? [];
  if (components.length < 2) throw new Error(`kube version "${version.slice(0, 100)}" is not a version such as 1.31.0`);
  return components.map((component) => String(Number.parseInt(component, 10))).join('.');
}
