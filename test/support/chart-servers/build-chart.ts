// Real chart archives for tests, made by the real helm binary.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { helmBinary } from '../tools';

const run = promisify(execFile);

/** HELM_* homes in a private folder so tests never touch the user's helm configuration. */
export async function helmEnvironment(): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), 'driftless-helm-home-'));
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
}

export async function helm(args: string[], env?: NodeJS.ProcessEnv, input?: string): Promise<string> {
  const environment = env ?? (await helmEnvironment());
  if (input === undefined) {
    const { stdout } = await run(helmBinary, args, { env: environment });
    return stdout;
  }
  return new Promise((resolve, reject) => {
    const child = execFile(helmBinary, args, { env: environment }, (error, stdout, stderr) =>
      error ? reject(new Error(`helm ${args[0]} failed: ${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(input);
  });
}

/** `helm package` of a small chart into `outDir`; returns the .tgz path. */
export async function packageChart(outDir: string, name: string, version: string): Promise<string> {
  const source = await mkdtemp(join(tmpdir(), 'driftless-chart-src-'));
  const chartDir = join(source, name);
  await mkdir(join(chartDir, 'templates'), { recursive: true });
  await writeFile(
    join(chartDir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: test chart\ntype: application\n`,
  );
  await writeFile(join(chartDir, 'values.yaml'), 'replicas: 1\n');
  await writeFile(
    join(chartDir, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: "{{ .Values.replicas }}"\n',
  );
  await mkdir(outDir, { recursive: true });
  await helm(['package', chartDir, '--destination', outDir]);
  return join(outDir, `${name}-${version}.tgz`);
}

/** `helm repo index` over `dir`, with absolute URLs when `url` is given. */
export async function indexRepository(dir: string, url?: string): Promise<void> {
  await helm(['repo', 'index', dir, ...(url ? ['--url', url] : [])]);
}

/** `helm create` (the nginx starter: 10 templates, values, helpers) packaged into `outDir`: a typical chart. */
export async function packageStarterChart(outDir: string, name: string, version: string): Promise<string> {
  const source = await mkdtemp(join(tmpdir(), 'driftless-chart-src-'));
  const env = await helmEnvironment();
  await helm(['create', join(source, name)], env);
  await helm(['package', join(source, name), '--version', version, '--destination', outDir], env);
  return join(outDir, `${name}-${version}.tgz`);
}
