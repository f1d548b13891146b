// The variables a notification template sees, as Argo CD provides them: `app`, `appProject`,
// `context`, `secrets`, `serviceType` (and Argo CD's older name `notificationType`), `recipient`,
// plus the helper maps `repo` and `strings` for Go templates (`{{call .repo.RepoURLToHTTPS …}}`).
import { makeFunction } from '@driftless/gotemplate';

export interface TemplateVarsInput {
  app: unknown;
  appProject?: unknown;
  context: Record<string, string>;
  secrets: Record<string, string>;
  serviceType: string;
  recipient: string;
}

/** Plain JSON variables (handlebars sees only these). */
export function plainTemplateVars(input: TemplateVarsInput): Record<string, unknown> {
  return {
    app: input.app ?? {},
    appProject: input.appProject ?? {},
    context: input.context,
    secrets: input.secrets,
    serviceType: input.serviceType,
    notificationType: input.serviceType,
    recipient: input.recipient,
  };
}

/** `git@github.com:org/repo.git` → `https://github.com/org/repo`. */
export function repoUrlToHttps(url: string): string {
  const scp = /^(?:ssh:\/\/)?[\w.-]+@([^:/]+)[:/](.+?)$/.exec(url);
  const https = scp ? `https://${scp[1]}/${scp[2]}` : url.replace(/^http:\/\//, 'https://');
  return https.replace(/\.git$/, '');
}

/** `https://github.com/org/repo.git` → `org/repo`. */
export function fullNameByRepoUrl(url: string): string {
  const path = repoUrlToHttps(url).replace(/^https:\/\/[^/]+\//, '');
  return path;
}

const string1 = { params: ['string'] } as const;

export function goTemplateVars(input: TemplateVarsInput): Record<string, unknown> {
  return {
    ...plainTemplateVars(input),
    repo: {
      RepoURLToHTTPS: makeFunction('func(string) string', string1, ([url]) => repoUrlToHttps(String(url))),
      FullNameByRepoURL: makeFunction('func(string) string', string1, ([url]) => fullNameByRepoUrl(String(url))),
    },
    strings: {
      ReplaceAll: makeFunction(
        'func(string, string, string) string',
        { params: ['string', 'string', 'string'] },
        ([text, from, to]) => String(text).split(String(from)).join(String(to)),
      ),
      ToUpper: makeFunction('func(string) string', string1, ([text]) => String(text).toUpperCase()),
      ToLower: makeFunction('func(string) string', string1, ([text]) => String(text).toLowerCase()),
    },
  };
}
