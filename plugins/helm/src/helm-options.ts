// The Application source's `helm` block (Argo CD's ApplicationSourceHelm),
// checked and typed. Unknown fields are ignored, as Argo CD's API ignores
// fields it does not know; a field of the wrong type is an error.

export interface HelmParameter {
  name: string;
  value: string;
  forceString: boolean;
}

export interface HelmFileParameter {
  name: string;
  path: string;
}

export interface HelmOptions {
  releaseName?: string;
  valueFiles: string[];
  /** `valuesObject` serialised (it wins over `values`), or `values`; undefined when neither is set. */
  inlineValues?: string;
  parameters: HelmParameter[];
  fileParameters: HelmFileParameter[];
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  /** Argo CD's helm version selector; only helm v4 is installed, so it is noted and ignored. */
  version?: string;
  passCredentials: boolean;
  ignoreMissingValueFiles: boolean;
  skipCrds: boolean;
  skipSchemaValidation: boolean;
  skipTests: boolean;
}

export class HelmOptionsError extends Error {
  override name = 'HelmOptionsError';
}

type Block = Record<string, unknown>;

function optionalString(block: Block, key: string): string | undefined {
  const value = block[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new HelmOptionsError(`helm.${key} must be a string`);
  return value;
}

function flag(block: Block, key: string): boolean {
  const value = block[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new HelmOptionsError(`helm.${key} must be true or false`);
  return value;
}

function stringList(block: Block, key: string): string[] | undefined {
  const value = block[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new HelmOptionsError(`helm.${key} must be a list of strings`);
  return value as string[];
}

function objectList(block: Block, key: string): Block[] {
  const value = block[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item)))
    throw new HelmOptionsError(`helm.${key} must be a list of objects`);
  return value as Block[];
}

/** Parameter values arrive as strings; numbers and booleans are accepted as their text. */
function scalarText(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new HelmOptionsError(`${where} must be a string`);
}

function inlineValues(block: Block): string | undefined {
  const object = block.valuesObject;
  if (object !== undefined && object !== null) {
    if (typeof object !== 'object' || Array.isArray(object))
      throw new HelmOptionsError('helm.valuesObject must be an object');
    // JSON is YAML: helm reads it as a values file.
    return JSON.stringify(object);
  }
  return optionalString(block, 'values');
}

export function parseHelmOptions(block: Block): HelmOptions {
  const options: HelmOptions = {
    valueFiles: stringList(block, 'valueFiles') ?? [],
    parameters: objectList(block, 'parameters').map((parameter, index) => ({
      name: scalarText(parameter.name, `helm.parameters[${index}].name`),
      value: scalarText(parameter.value, `helm.parameters[${index}].value`),
      forceString: parameter.forceString === true,
    })),
    fileParameters: objectList(block, 'fileParameters').map((parameter, index) => ({
      name: scalarText(parameter.name, `helm.fileParameters[${index}].name`),
      path: scalarText(parameter.path, `helm.fileParameters[${index}].path`),
    })),
    passCredentials: flag(block, 'passCredentials'),
    ignoreMissingValueFiles: flag(block, 'ignoreMissingValueFiles'),
    skipCrds: flag(block, 'skipCrds'),
    skipSchemaValidation: flag(block, 'skipSchemaValidation'),
    skipTests: flag(block, 'skipTests'),
  };
  const values = inlineValues(block);
  if (values !== undefined) options.inlineValues = values;
  for (const key of ['releaseName', 'namespace', 'kubeVersion', 'version'] as const) {
    const value = optionalString(block, key);
    if (value !== undefined) options[key] = value;
  }
  const apiVersions = stringList(block, 'apiVersions');
  if (apiVersions && apiVersions.length > 0) options.apiVersions = apiVersions;
  for (const [index, parameter] of options.parameters.entries())
    if (parameter.name === '') throw new HelmOptionsError(`helm.parameters[${index}] has no name`);
  for (const [index, parameter] of options.fileParameters.entries())
    if (parameter.name === '' || parameter.path === '')
      throw new HelmOptionsError(`helm.fileParameters[${index}] needs a name and a path`);
  return options;
}
