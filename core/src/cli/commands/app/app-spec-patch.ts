// Reads an application's spec through the server and writes a JSON patch of
// it through patchApplication (the mutation `app set` uses). The patch starts
// with a `test` of the part it was computed from, so it never lands on a spec
// someone changed in between (the server refuses it; run the command again).
import { type ApplicationSpec } from '@driftless/schema';
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';
import { appQueryVariables } from './app-get-view';
import { type JsonPatchOperation } from './application-client';
import { queryApplication } from './application-query';
import { type ServerAppRef } from './server-app-ref';

const PATCH = `mutation ($name: String!, $appNamespace: String, $patch: String!) {
  patchApplication(name: $name, appNamespace: $appNamespace, patch: $patch, patchType: json) { name } }`;

export async function fetchApplicationSpec(options: ServerOptions, ref: ServerAppRef): Promise<ApplicationSpec> {
  return (await queryApplication<{ spec: ApplicationSpec }>(options, ref, 'spec')).spec;
}

export async function patchApplicationSpec(
  options: ServerOptions,
  ref: ServerAppRef,
  operations: readonly JsonPatchOperation[],
): Promise<void> {
  await graphqlRequest(options, PATCH, { ...appQueryVariables(ref), patch: JSON.stringify(operations) });
}
