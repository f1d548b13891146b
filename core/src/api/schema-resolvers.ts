// Every resolver class of the GraphQL API, whichever module provides it. The
// SDL generator builds the schema from this list; an integration test checks
// that the running server's schema equals the committed SDL, so a resolver
// missing here is caught.
import { ApplicationConnectionResolver, ApplicationResolver } from '../apps/application.resolver';
import { ApplicationDetailResolver } from '../apps/detail/application-detail.resolver';
import { ApplicationStatusResolver } from '../apps/detail/application-status.resolver';
import { ApplicationMutationsResolver } from '../apps/mutations/application-mutations.resolver';
import { ResourceMutationsResolver } from '../apps/mutations/resource-mutations.resolver';
import { ResourceTreeResolver } from '../apps/tree/resource-tree.resolver';
import { ResourceTreeSubscriptionResolver } from '../apps/tree/resource-tree-subscription.resolver';
import { ApplicationSubscriptionsResolver } from '../apps/subscriptions/application-subscriptions.resolver';
import { AccountsResolver } from '../auth/api/accounts.resolver';
import { AuthResolver } from '../auth/api/auth.resolver';
import { ClustersResolver } from '../clusters/api/clusters.resolver';
import { ClusterMutationsResolver } from '../clusters/api/cluster-mutations.resolver';
import { PluginMutationsResolver } from '../plugins/api/plugin-mutations.resolver';
import { PluginsResolver } from '../plugins/api/plugins.resolver';
import { ProjectsResolver } from '../projects/api/projects.resolver';
import { ProjectMutationsResolver } from '../projects/api/project-mutations.resolver';
import { ProjectRolesResolver } from '../projects/api/project-roles.resolver';
import { ProjectTokensResolver } from '../auth/project-tokens/project-tokens.resolver';
import { RepositoriesResolver } from '../repo/api/repositories.resolver';
import { RepositoryMutationsResolver } from '../repo/api/repository-mutations.resolver';
import { CertificatesResolver } from '../repo/certificates/certificates.resolver';
import { ApplicationSetsResolver } from '../appsets/api/application-sets.resolver';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { SettingsResolver } from './settings/settings.resolver';
import { VersionResolver } from './version/version.resolver';

export const schemaResolvers = [
  VersionResolver,
  ServerEventsResolver,
  SettingsResolver,
  ApplicationSetsResolver,
  ApplicationResolver,
  ApplicationConnectionResolver,
  ApplicationDetailResolver,
  ApplicationStatusResolver,
  ApplicationMutationsResolver,
  ResourceMutationsResolver,
  ResourceTreeResolver,
  ResourceTreeSubscriptionResolver,
  ApplicationSubscriptionsResolver,
  PluginsResolver,
  PluginMutationsResolver,
  RepositoriesResolver,
  RepositoryMutationsResolver,
  CertificatesResolver,
  ClustersResolver,
  ClusterMutationsResolver,
  ProjectsResolver,
  ProjectMutationsResolver,
  ProjectRolesResolver,
  ProjectTokensResolver,
  AuthResolver,
  AccountsResolver,
];
