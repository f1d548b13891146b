// Argo CD's build environment (ARGOCD_APP_*) and its `Envsubst`, which expands
// `$NAME` and `${NAME}` as Go's os.Expand does: unknown names become '', `$$`
// becomes `$`, and a `$` that starts no name stays as it is.
import { type RenderApplication } from '@driftless/plugin-sdk';

export type BuildEnvironment = Record<string, string>;

export function buildEnvironment(app: RenderApplication, sourcePath: string): BuildEnvironment {
  const revision = app.revision ?? '';
  return {
    ARGOCD_APP_NAME: app.name ?? '',
    ARGOCD_APP_NAMESPACE: app.destinationNamespace ?? '',
    ARGOCD_APP_PROJECT_NAME: app.project ?? '',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: app.repoURL ?? '',
    ARGOCD_APP_SOURCE_PATH: sourcePath,
    ARGOCD_APP_SOURCE_TARGET_REVISION: app.targetRevision ?? '',
  };
}

const specialName = /^[*#$@!?\-0-9]$/;
const nameChar = /^[A-Za-z0-9_]$/;

export function envsubst(text: string, environment: BuildEnvironment): string {
  const lookup = (name: string): string =>
    name === '$' ? '$' : Object.hasOwn(environment, name) ? (environment[name] ?? '') : '';
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char !== '$' || index + 1 >= text.length) {
      out += char;
      index += 1;
      continue;
    }
    const { name, width } = shellName(text.slice(index + 1));
    if (name === '' && width > 0) {
      // Bad syntax such as `${}`: os.Expand drops it.
    } else if (name === '') {
      out += '$';
    } else {
      out += lookup(name);
    }
    index += 1 + width;
  }
  return out;
}

function shellName(rest: string): { name: string; width: number } {
  if (rest.startsWith('{')) {
    if (rest.length > 2 && specialName.test(rest[1] as string) && rest[2] === '}')
      return { name: rest[1] as string, width: 3 };
    const close = rest.indexOf('}');
    if (close === 1) return { name: '', width: 2 };
    if (close === -1) return { name: '', width: 1 };
    return { name: rest.slice(1, close), width: close + 1 };
  }
  if (specialName.test(rest[0] as string)) return { name: rest[0] as string, width: 1 };
  let width = 0;
  while (width < rest.length && nameChar.test(rest[width] as string)) width += 1;
  return { name: rest.slice(0, width), width };
}
