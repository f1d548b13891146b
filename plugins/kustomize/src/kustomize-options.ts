// The Application source's `kustomize` block (ApplicationSourceKustomize),
// checked field by field.
export interface KustomizePatch {
  path?: string;
  patch?: string;
  target?: Record<string, string>;
  options?: Record<string, boolean>;
}

export interface KustomizeOptions {
  namePrefix: string;
  nameSuffix: string;
  images: string[];
  replicas: { name: string; count: number }[];
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  commonAnnotationsEnvsubst: boolean;
  forceCommonLabels: boolean;
  forceCommonAnnotations: boolean;
  labelWithoutSelector: boolean;
  labelIncludeTemplates: boolean;
  namespace: string;
  patches: KustomizePatch[];
  components: string[];
  ignoreMissingComponents: boolean;
  version: string;
  kubeVersion: string;
  apiVersions: string[];
}

function fail(field: string, expected: string): never {
  throw new Error(`kustomize.${field} must be ${expected}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function text(options: Record<string, unknown>, field: string): string {
  const value = options[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(field, 'a string');
  return value;
}

function flag(options: Record<string, unknown>, field: string): boolean {
  const value = options[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') fail(field, 'a boolean');
  return value;
}

function strings(options: Record<string, unknown>, field: string): string[] {
  const value = options[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) fail(field, 'a list of strings');
  return value as string[];
}

function stringMap(options: Record<string, unknown>, field: string): Record<string, string> {
  const value = options[field];
  if (value === undefined || value === null) return {};
  if (!isRecord(value) || Object.values(value).some((item) => typeof item !== 'string'))
    fail(field, 'a map of strings');
  return value as Record<string, string>;
}

function replicas(options: Record<string, unknown>): { name: string; count: number }[] {
  const value = options.replicas;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('replicas', 'a list of {name, count}');
  return value.map((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '')
      fail(`replicas[${index}].name`, 'a non-empty string');
    // `count` is an int-or-string, as in Argo CD.
    const count = typeof entry.count === 'string' && /^-?[0-9]+$/.test(entry.count) ? Number(entry.count) : entry.count;
    if (typeof count !== 'number' || !Number.isInteger(count)) fail(`replicas[${index}].count`, 'an integer');
    return { name: entry.name, count };
  });
}

function patches(options: Record<string, unknown>): KustomizePatch[] {
  const value = options.patches;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('patches', 'a list of patches');
  return value.map((entry: unknown, index) => {
    if (!isRecord(entry)) fail(`patches[${index}]`, 'an object with path or patch');
    const patch: KustomizePatch = {};
    if (entry.path !== undefined && entry.path !== '') {
      if (typeof entry.path !== 'string') fail(`patches[${index}].path`, 'a string');
      patch.path = entry.path;
    }
    if (entry.patch !== undefined && entry.patch !== '') {
      if (typeof entry.patch !== 'string') fail(`patches[${index}].patch`, 'a string');
      patch.patch = entry.patch;
    }
    if (entry.target !== undefined && entry.target !== null) {
      if (!isRecord(entry.target) || Object.values(entry.target).some((item) => typeof item !== 'string'))
        fail(`patches[${index}].target`, 'a map of strings');
      patch.target = entry.target as Record<string, string>;
    }
    if (entry.options !== undefined && entry.options !== null) {
      if (!isRecord(entry.options) || Object.values(entry.options).some((item) => typeof item !== 'boolean'))
        fail(`patches[${index}].options`, 'a map of booleans');
      patch.options = entry.options as Record<string, boolean>;
    }
    if (patch.path === undefined && patch.patch === undefined) fail(`patches[${index}]`, 'given a path or a patch');
    return patch;
  });
}

export function kustomizeOptions(options: Record<string, unknown>): KustomizeOptions {
  return {
    namePrefix: text(options, 'namePrefix'),
    nameSuffix: text(options, 'nameSuffix'),
    images: strings(options, 'images'),
    replicas: replicas(options),
    commonLabels: stringMap(options, 'commonLabels'),
    commonAnnotations: stringMap(options, 'commonAnnotations'),
    commonAnnotationsEnvsubst: flag(options, 'commonAnnotationsEnvsubst'),
    forceCommonLabels: flag(options, 'forceCommonLabels'),
    forceCommonAnnotations: flag(options, 'forceCommonAnnotations'),
    labelWithoutSelector: flag(options, 'labelWithoutSelector'),
    labelIncludeTemplates: flag(options, 'labelIncludeTemplates'),
    namespace: text(options, 'namespace'),
    patches: patches(options),
    components: strings(options, 'components'),
    ignoreMissingComponents: flag(options, 'ignoreMissingComponents'),
    version: text(options, 'version'),
    kubeVersion: text(options, 'kubeVersion'),
    apiVersions: strings(options, 'apiVersions'),
  };
}

/** True when the block asks for nothing that needs an overlay. */
export function needsOverlay(options: KustomizeOptions): boolean {
  return (
    options.namePrefix !== '' ||
    options.nameSuffix !== '' ||
    options.images.length > 0 ||
    options.replicas.length > 0 ||
    Object.keys(options.commonLabels).length > 0 ||
    Object.keys(options.commonAnnotations).length > 0 ||
    options.namespace !== '' ||
    options.patches.length > 0 ||
    options.components.length > 0
  );
}
