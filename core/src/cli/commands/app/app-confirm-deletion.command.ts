// `driftless app confirm-deletion APPNAME`: approves the pruning or deletion
// of the app's Prune=confirm / Delete=confirm objects, as `argocd app
// confirm-deletion` does — it sets the deletion-approved annotation to now
// whether or not anything waits (an operation that starts later needs a new
// approval, so an early one does no harm).
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { appQueryVariables } from './app-get-view';
import { deletionApprovalPatch } from './deletion-approval';
import { serverAppRef } from './server-app-ref';
import { DELETION_APPROVED_ANNOTATION } from '../../../sync/plan-sync';

const PATCH = `mutation ($name: String!, $appNamespace: String, $patch: String!) {
  patchApplication(name: $name, appNamespace: $appNamespace, patch: $patch, patchType: merge) { name } }`;

export function appConfirmDeletionCommand(): Command {
  const command = new Command('confirm-deletion')
    .description('approve pruning or deleting the Prune=confirm / Delete=confirm objects of an application')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('-N, --app-namespace <namespace>', 'namespace of the application');
  return addServerOptions(command).action(
    async (appName: string, options: ServerOptions & { appNamespace?: string }) => {
      const ref = serverAppRef(appName, options.appNamespace);
      const patch = deletionApprovalPatch(new Date());
      await graphqlRequest(options, PATCH, { ...appQueryVariables(ref), patch: JSON.stringify(patch) });
      const approvedAt = patch.metadata.annotations[DELETION_APPROVED_ANNOTATION];
      process.stdout.write(`application '${ref.display}': ${DELETION_APPROVED_ANNOTATION} set to ${approvedAt}\n`);
    },
  );
}
