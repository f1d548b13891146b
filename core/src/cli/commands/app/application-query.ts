// One application read through the server with the fields a command needs;
// a missing (or hidden) application is a one-line error.
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { appQueryVariables } from './app-get-view';
import { type ServerAppRef } from './server-app-ref';

/** More query variables: their GraphQL declarations (`$revision: String`) and values. */
export interface ExtraVariables {
  declarations: string;
  values: Record<string, unknown>;
}

export const applicationNotFound = (ref: ServerAppRef): CliError =>
  new CliError(`application '${ref.display}' not found — list them with: driftless app list`, ExitCode.failed);

/** `selection` is the GraphQL selection set inside `application { … }`. */
export async function queryApplication<T>(
  options: ServerOptions,
  ref: ServerAppRef,
  selection: string,
  extra?: ExtraVariables,
): Promise<T> {
  const declarations = extra ? `, ${extra.declarations}` : '';
  const { application } = await graphqlRequest<{ application: T | null }>(
    options,
    `query ($name: String!, $appNamespace: String${declarations}) {
      application(name: $name, appNamespace: $appNamespace) { ${selection} } }`,
    { ...appQueryVariables(ref), ...extra?.values },
  );
  if (!application) throw applicationNotFound(ref);
  return application;
}
