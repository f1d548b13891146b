// Every resolver class of the GraphQL API, whichever module provides it. The
// SDL generator builds the schema from this list; an integration test checks
// that the running server's schema equals the committed SDL, so a resolver
// missing here is caught.
import { ApplicationConnectionResolver, ApplicationResolver } from '../apps/application.resolver';
import { ApplicationMutationsResolver } from '../apps/mutations/application-mutations.resolver';
import { ResourceMutationsResolver } from '../apps/mutations/resource-mutations.resolver';
import { AccountsResolver } from '../auth/api/accounts.resolver';
import { AuthResolver } from '../auth/api/auth.resolver';
import { ClustersResolver } from '../clusters/api/clusters.resolver';
import { PluginMutationsResolver } from '../plugins/api/plugin-mutations.resolver';
import { PluginsResolver } from '../plugins/api/plugins.resolver';
import { ProjectsResolver } from '../projects/api/projects.resolver';
import { RepositoriesResolver } from '../repo/api/repositories.resolver';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { VersionResolver } from './version/version.resolver';

export const schemaResolvers = [
  VersionResolver,
  ServerEventsResolver,
  ApplicationResolver,
  ApplicationConnectionResolver,
  ApplicationMutationsResolver,
  ResourceMutationsResolver,
  PluginsResolver,
  PluginMutationsResolver,
  RepositoriesResolver,
  ClustersResolver,
  ProjectsResolver,
  AuthResolver,
  AccountsResolver,
];
