import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { GraphQLError } from 'graphql';
import { paginate } from '../api/pagination/offset-cursor';
import { principalOf } from '../auth/graphql/auth-errors';
import { type AuthContext } from '../auth/principal';
import { RbacAuthorizer } from '../auth/rbac/rbac-authorizer.service';
import { guardedLookup } from '../rbac';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { ApplicationReader } from './application-reader.service';
import { toApplicationModel } from './application-summary';
import { ApplicationIndex, type IndexedApplication } from './index/application-index.service';
import { ApplicationFacets, ApplicationFilterInput } from './models/application-query.model';
import { ApplicationConnection, ApplicationModel } from './models/application.model';
import { type ApplicationFilter, facetCounts, filterRows, InvalidFilterError } from './query/application-filter';

/** The RBAC object of a stored Application: `<its project>/<its name>`. */
const rbacObject = (application: Application): string =>
  `${application.spec.project ?? 'default'}/${application.metadata.name ?? ''}`;

/** Argo CD's RBAC name: `<project>/<name>`, with the namespace between for an app outside the control plane's. */
function rbacName(application: Application, controlNamespace: string): string {
  const namespace = application.metadata.namespace ?? controlNamespace;
  return namespace === controlNamespace
    ? rbacObject(application)
    : `${application.spec.project || 'default'}/${namespace}/${application.metadata.name ?? ''}`;
}

function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

@Resolver(() => ApplicationModel)
export class ApplicationResolver {
  constructor(
    private readonly reader: ApplicationReader,
    private readonly index: ApplicationIndex,
    private readonly rbac: RbacAuthorizer,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  @Query(() => ApplicationConnection, {
    description:
      'Applications the caller may get (applications, get, <project>/<name>), ordered by name; filters, total and facets over all pages',
  })
  async applications(
    @Args('first', { type: () => Int, defaultValue: 100, description: 'Page size, 1 to 1000' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page' })
    after: string | null,
    @Args('projects', {
      type: () => [String],
      nullable: true,
      description: 'Only applications of these projects (the same as filter.projects)',
    })
    projects: string[] | null,
    @Args('filter', { type: () => ApplicationFilterInput, nullable: true }) filter: ApplicationFilterInput | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationConnection> {
    const can = await this.rbac.syncChecker(principalOf(context));
    const visible = (await this.index.list()).filter((entry) =>
      can('get', 'applications', rbacName(entry.application, this.config.namespace)),
    );
    const applied: ApplicationFilter = { ...filter, projects: filter?.projects ?? projects };
    let matching: IndexedApplication[];
    try {
      matching = filterRows(
        visible.map((entry) => ({ ...entry.row, entry })),
        applied,
      ).map((row) => row.entry);
    } catch (error) {
      if (error instanceof InvalidFilterError) throw badUserInput(error.message);
      throw error;
    }
    const page = paginate(matching, first, after);
    return {
      ...page,
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toApplicationModel(edge.node.application) })),
      facetSource: { rows: visible.map((entry) => entry.row), filter: applied },
    };
  }

  @Query(() => ApplicationModel, {
    nullable: true,
    description: 'One application by name; null when there is none or the caller may not get it (the same answer)',
  })
  async application(@Args('name') name: string, @Context() context: AuthContext): Promise<ApplicationModel | null> {
    const can = await this.rbac.checker(principalOf(context));
    const result = await guardedLookup({
      fetch: () => this.reader.get(name),
      objectOf: rbacObject,
      can: (object) => can('get', 'applications', object),
    });
    return result.outcome === 'allowed' ? toApplicationModel(result.value) : null;
  }
}

/** Facets of a page: computed only when asked for, over what the caller may see. */
@Resolver(() => ApplicationConnection)
export class ApplicationConnectionResolver {
  @ResolveField(() => ApplicationFacets)
  facets(@Parent() connection: ApplicationConnection): ApplicationFacets {
    const source = connection.facetSource;
    return source ? facetCounts(source.rows, source.filter) : facetCounts([], {});
  }
}
