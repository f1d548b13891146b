// The jsonnet command line for one .jsonnet file, as Argo CD configures its
// Jsonnet VM: TLAs and ext vars after ARGOCD_APP_* substitution, library
// paths relative to the repository root (a leading `/` means the root), the
// app directory searched first. Values travel in files (`--tla-str-file`,
// ...) so any text is passed as written, never as an argument.
import { type BuildEnvironment, envsubst } from '@driftless/render-kit';
import { type JsonnetVariable } from './directory-options';

export interface JsonnetCommand {
  args: string[];
  files: Record<string, string>;
}

/** A library path inside the repository, or an error for one that leaves it. */
export function jsonnetLibPath(lib: string): string {
  const parts: string[] = [];
  for (const part of lib.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw new Error(`jsonnet library path "${lib}" leaves the repository`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

export function jsonnetCommand(
  file: string,
  appPath: string,
  jsonnet: { tlas: JsonnetVariable[]; extVars: JsonnetVariable[]; libs: string[] },
  environment: BuildEnvironment,
  valuesDir: string,
): JsonnetCommand {
  const args: string[] = ['-J', appPath];
  for (const lib of jsonnet.libs) args.push('-J', jsonnetLibPath(lib));
  const files: Record<string, string> = {};
  const pass = (variables: JsonnetVariable[], kind: 'tla' | 'ext'): void => {
    for (const [index, variable] of variables.entries()) {
      const valueFile = `${valuesDir}/${kind}-${index}`;
      files[valueFile] = envsubst(variable.value, environment);
      args.push(`--${kind}-${variable.code ? 'code' : 'str'}-file`, `${variable.name}=${valueFile}`);
    }
  };
  pass(jsonnet.tlas, 'tla');
  pass(jsonnet.extVars, 'ext');
  args.push(file);
  return { args, files };
}
