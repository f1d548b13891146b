// Rendering a chart's template files the way Helm's engine does: every file
// parsed into one set (so defines in _helpers.tpl are shared), partials ("_*")
// not rendered, .Template set per file, "<no value>" removed. Also the
// built-in objects .Files, .Capabilities, .Chart and .Release.
import { TemplateError } from '../errors';
import type { Limits } from '../exec/function';
import { TemplateSet } from '../template';
import { marshalYaml } from '../values/yaml-emit';
import { GoStruct, makeFunction, own, taggedArray, utf8Encode, type GoMap } from '../values/types';
import { basePath } from '../sprig/misc';
import {
  cleanupHelmExecError,
  cleanupHelmParseError,
  helmFunctions,
  HELM_ROOT_NAME,
  withHelmTemplateName,
} from './index';

export interface HelmRenderOptions {
  /** missingkey=error, like `helm template --strict`... Helm's Strict engine option. */
  strict?: boolean;
  limits?: Partial<Limits>;
}

/** Helm's order: deeper paths first, then reverse lexical. */
function sortTemplates(names: string[]): string[] {
  const depth = (name: string) => name.split('/').length - 1;
  return [...names].sort((a, b) => {
    if (depth(a) !== depth(b)) return depth(b) - depth(a);
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** Renders chart files (path → text) with `data` as dot; returns rendered non-partial files. */
export function renderHelmFiles(
  files: Readonly<Record<string, string>>,
  data: unknown,
  options: HelmRenderOptions = {},
): Record<string, string> {
  const set = new TemplateSet({
    funcs: helmFunctions(),
    missingKey: options.strict ? 'error' : 'zero',
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const names = sortTemplates(Object.keys(files));
  for (const name of names) {
    try {
      set.parse(name, files[name]!);
    } catch (error) {
      throw error instanceof TemplateError ? cleanupHelmParseError(name, error) : error;
    }
  }
  const rendered: Record<string, string> = {};
  for (const name of names) {
    if (basePath(name).startsWith('_')) continue;
    try {
      rendered[name] = set.execute(name, withHelmTemplateName(data, name)).replaceAll('<no value>', '');
    } catch (error) {
      throw error instanceof TemplateError ? cleanupHelmExecError(error) : error;
    }
  }
  return rendered;
}

export { HELM_ROOT_NAME };

const method = (params: string[], invoke: (args: unknown[]) => unknown, typeName = 'func') =>
  makeFunction(typeName, { params }, invoke);

/** A glob matcher for Helm's Files.Glob (gobwas/glob with '/' separators). */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{') source += '(?:';
    else if (char === '}') source += ')';
    else if (char === ',' && source.includes('(?:')) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** .Files: the chart's non-template files, with Helm's helper methods. */
export function helmFiles(files: Readonly<Record<string, string>>): GoStruct {
  const make = (subset: Readonly<Record<string, string>>): GoStruct => {
    const text = (name: unknown): string => own(subset, name as string) ?? '';
    return new GoStruct(
      'engine.Files',
      {},
      {
        Get: method(['string'], ([name]) => text(name)),
        GetBytes: method(['string'], ([name]) => utf8Encode(text(name))),
        Lines: method(['string'], ([name]) => {
          const content = text(name);
          return taggedArray(content === '' ? [] : content.split('\n'), '[]string');
        }),
        Glob: method(['string'], ([pattern]) => {
          const regex = globToRegExp(pattern as string);
          const matched: Record<string, string> = {};
          for (const [name, content] of Object.entries(subset)) if (regex.test(name)) matched[name] = content;
          return make(matched);
        }),
        AsConfig: method([], () => {
          const map: GoMap = {};
          for (const [name, content] of Object.entries(subset)) map[basePath(name)] = content;
          return Object.keys(map).length === 0 ? '' : marshalYaml(map).replace(/\n$/, '');
        }),
        AsSecrets: method([], () => {
          const map: GoMap = {};
          for (const [name, content] of Object.entries(subset)) {
            let binary = '';
            for (const byte of utf8Encode(content)) binary += String.fromCharCode(byte);
            map[basePath(name)] = btoa(binary);
          }
          return Object.keys(map).length === 0 ? '' : marshalYaml(map).replace(/\n$/, '');
        }),
      },
    );
  };
  return make(files);
}

export interface CapabilitiesInput {
  kubeVersion?: string;
  apiVersions?: readonly string[];
  helmVersion?: string;
}

/** .Capabilities as `helm template` reports it offline (default Kubernetes v1.20.0). */
export function helmCapabilities(input: CapabilitiesInput = {}): GoStruct {
  const version = input.kubeVersion ?? 'v1.20.0';
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  const kubeVersion = new GoStruct(
    'chartutil.KubeVersion',
    { Version: version, Major: match?.[1] ?? '1', Minor: match?.[2] ?? '20' },
    {
      String: method([], () => version),
      GitVersion: method([], () => version),
    },
    () => version,
  );
  const versions = [
    ...(input.apiVersions ?? ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']),
  ];
  const apiVersions = new GoStruct(
    'chartutil.VersionSet',
    { list: versions },
    {
      Has: method(['string'], ([name]) => versions.includes(name as string)),
    },
    () => `[${versions.join(' ')}]`,
  );
  return new GoStruct('*chartutil.Capabilities', {
    KubeVersion: kubeVersion,
    APIVersions: apiVersions,
    HelmVersion: new GoStruct('chartutil.BuildInfo', { Version: input.helmVersion ?? 'v3.14.0' }),
  });
}

export interface HelmReleaseInput {
  name: string;
  namespace: string;
  revision?: number;
  isUpgrade?: boolean;
}

export interface HelmChartInput {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: string;
  kubeVersion?: string;
  annotations?: Readonly<Record<string, string>>;
}

export interface HelmRenderDataInput {
  values?: GoMap;
  release: HelmReleaseInput;
  chart: HelmChartInput;
  files?: Readonly<Record<string, string>>;
  capabilities?: CapabilitiesInput;
}

/** The top-level object Helm renders every template with (chartutil.ToRenderValues). */
export function helmRenderData(input: HelmRenderDataInput): GoMap {
  const { release, chart } = input;
  const isUpgrade = release.isUpgrade ?? false;
  const metadata: GoMap = {
    Name: chart.name,
    Home: '',
    Sources: null,
    Version: chart.version,
    Description: chart.description ?? '',
    Keywords: null,
    Maintainers: null,
    Icon: '',
    APIVersion: 'v2',
    Condition: '',
    Tags: '',
    AppVersion: chart.appVersion ?? '',
    Deprecated: false,
    Annotations: chart.annotations ? { ...chart.annotations } : null,
    KubeVersion: chart.kubeVersion ?? '',
    Dependencies: null,
    Type: chart.type ?? 'application',
  };
  return {
    Values: input.values ?? {},
    Release: {
      Name: release.name,
      Namespace: release.namespace,
      IsUpgrade: isUpgrade,
      IsInstall: !isUpgrade,
      Revision: BigInt(release.revision ?? 1),
      Service: 'Helm',
    },
    Chart: new GoStruct('*chart.Metadata', metadata),
    Capabilities: helmCapabilities(input.capabilities),
    Files: helmFiles(input.files ?? {}),
  };
}
