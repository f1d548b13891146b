// Condition and refusal messages. Where Argo CD has a message it is reproduced exactly (users
// search for them); the one Driftless addition (an unparsable repository URL) says what, where
// and how to fix it.

export const messages = {
  projectMissing: (project: string) => `Application referencing project ${project} which does not exist`,
  appNamespaceNotPermitted: (app: string, namespace: string, project: string) =>
    `application '${app}' in namespace '${namespace}' is not permitted to use project '${project}'`,

  sourceFieldsRequired: 'spec.source.repoURL and either spec.source.path or spec.source.chart are required',
  /** Argo CD prints the Go struct after "for source"; we print where it is and its JSON. */
  multiSourceFieldsRequired: (where: string, source: unknown) =>
    `spec.source.repoURL and either source.path, source.chart, or source.ref are required for source ${where} ${JSON.stringify(source)}`,
  chartRevisionRequired: 'spec.source.targetRevision is required if the manifest source is a helm chart',
  hydratorRepoRequired: 'spec.sourceHydrator.drySource.repoURL is required',
  hydratorSyncBranchRequired: 'spec.sourceHydrator.syncSource.targetBranch is required',
  hydratorHydrateToRequired:
    'when spec.sourceHydrator.hydrateTo is set, spec.sourceHydrator.hydrateTo.path is required',
  repoNotPermitted: (repoURL: string, project: string) =>
    `application repo ${repoURL} is not permitted in project '${project}'`,
  invalidRepoUrl: (where: string, repoURL: string, reason: string) =>
    `${where} ${goQuote(repoURL)} is not a valid repository URL (${reason}); ` +
    'use a form such as https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git',

  destinationMissing: 'Destination server missing from app spec',
  destinationNameAndServer: (name: string, server: string) =>
    `application destination can't have both name and server defined: ${name} ${server}`,
  clusterServerNotFound: (server: string) =>
    `error getting cluster by server ${goQuote(server)}: cluster ${goQuote(server)} not found — add it with "driftless cluster add" or a cluster Secret`,
  noClusterNamed: (name: string) => `there are no clusters with this name: ${name}`,
  ambiguousClusterName: (servers: readonly string[]) =>
    `there are ${servers.length} clusters with the same name: [${servers.join(' ')}]`,
  destinationNotPermitted: (server: string, namespace: string, project: string) =>
    `application destination server '${server}' and namespace '${namespace}' do not match any of the allowed destinations in project '${project}'`,

  resourceNotPermitted: (group: string, kind: string, project: string) =>
    `resource ${group}:${kind} is not permitted in project ${project}`,
  namespaceNotPermitted: (namespace: string, project: string) =>
    `namespace ${namespace} is not permitted in project '${project}'`,
  clusterScopedInNamespacedMode: (kind: string, name: string) =>
    `cluster level ${kind} ${goQuote(name)} can not be managed when in namespaced mode`,
  namespaceNotManaged: (namespace: string, kind: string, name: string) =>
    `namespace ${goQuote(namespace)} for ${kind} ${goQuote(name)} is not managed`,

  orphanedResources: (count: number) => `Application has ${count} orphaned resources`,
};

const GO_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u000b': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's %q for the strings these messages quote (URLs, names): printable text stays as is. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += GO_ESCAPES[char] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : char);
  }
  return `${out}"`;
}
