import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { GraphQLError } from 'graphql';
import { paginate } from '../api/pagination/offset-cursor';
import { principalOf } from '../auth/graphql/auth-errors';
import { type AuthContext } from '../auth/principal';
import { RbacAuthorizer } from '../auth/rbac/rbac-authorizer.service';
import { guardedLookup } from '../rbac';
import { ApplicationReader } from './application-reader.service';
import { toApplicationModel } from './application-summary';
import { type IndexedApplication } from './index/application-index.service';
import { VisibleApplications } from './index/visible-applications.service';
import { ApplicationAccess } from './mutations/application-access.service';
import { ApplicationFacets, ApplicationFilterInput } from './models/application-query.model';
import { ApplicationConnection, ApplicationModel } from './models/application.model';
import {
  type ApplicationFilter,
  type ApplicationRow,
  facetCounts,
  filterRows,
  InvalidFilterError,
} from './query/application-filter';

/** The RBAC object of a stored Application: `<its project>/<its name>`. */
const rbacObject = (application: Application): string =>
  `${application.spec.project ?? 'default'}/${application.metadata.name ?? ''}`;

/**
 * The API model of an indexed Application, made once per index entry (the
 * index replaces an entry when its Application changes), so pages requested
 * again and again by many users do not rebuild the same 100 models each time.
 */
const listModels = new WeakMap<IndexedApplication, ApplicationModel>();

function listModel(entry: IndexedApplication): ApplicationModel {
  let model = listModels.get(entry);
  if (model === undefined) {
    model = toApplicationModel(entry.application);
    listModels.set(entry, model);
  }
  return model;
}

function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

@Resolver(() => ApplicationModel)
export class ApplicationResolver {
  constructor(
    private readonly reader: ApplicationReader,
    private readonly visible: VisibleApplications,
    private readonly rbac: RbacAuthorizer,
    private readonly access: ApplicationAccess,
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
    const visible = await this.visible.forPrincipal(principalOf(context));
    const applied: ApplicationFilter = { ...filter, projects: filter?.projects ?? projects };
    let matching: readonly IndexedApplication[];
    try {
      matching = filterRows(visible, applied, (entry) => entry.row);
    } catch (error) {
      if (error instanceof InvalidFilterError) throw badUserInput(error.message);
      throw error;
    }
    const page = paginate(matching, first, after, listModel);
    return {
      ...page,
      facetSource: { items: visible, filter: applied },
    };
  }

  @Query(() => ApplicationModel, {
    nullable: true,
    description: 'One application by name; null when there is none or the caller may not get it (the same answer)',
  })
  async application(
    @Args('name') name: string,
    @Context() context: AuthContext,
    @Args('appNamespace', {
      type: () => String,
      nullable: true,
      description: "The Application's namespace (default: the control-plane namespace)",
    })
    appNamespace: string | null = null,
  ): Promise<ApplicationModel | null> {
    if (appNamespace !== null && appNamespace !== this.access.controlNamespace)
      return this.applicationIn(appNamespace, name, context);
    const can = await this.rbac.checker(principalOf(context));
    const result = await guardedLookup({
      fetch: () => this.reader.get(name),
      objectOf: rbacObject,
      can: (object) => can('get', 'applications', object),
    });
    return result.outcome === 'allowed' ? toApplicationModel(result.value) : null;
  }

  /** An app outside the control-plane namespace, checked as the mutations check it; refused answers null, as missing. */
  private async applicationIn(namespace: string, name: string, context: AuthContext): Promise<ApplicationModel | null> {
    try {
      return toApplicationModel((await this.access.authorize(context, 'get', { name, namespace })).app);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions['code'] === 'FORBIDDEN') return null;
      throw error;
    }
  }
}

/** Facets of a page: computed only when asked for, over what the caller may see. */
@Resolver(() => ApplicationConnection)
export class ApplicationConnectionResolver {
  @ResolveField(() => ApplicationFacets)
  facets(@Parent() connection: ApplicationConnection): ApplicationFacets {
    const source = connection.facetSource;
    return source ? cachedFacets(source.items, source.filter) : facetCounts([], {});
  }
}

/**
 * Facets per visible list and filter: a principal's list keeps its identity
 * while nothing changed (VisibleApplications), so a repeated question over
 * 10,000 apps is answered once.
 */
const facetCache = new WeakMap<readonly { row: ApplicationRow }[], Map<string, ApplicationFacets>>();

function cachedFacets(items: readonly { row: ApplicationRow }[], filter: ApplicationFilter): ApplicationFacets {
  let byFilter = facetCache.get(items);
  if (!byFilter) facetCache.set(items, (byFilter = new Map<string, ApplicationFacets>()));
  const key = JSON.stringify(filter);
  let facets = byFilter.get(key);
  if (!facets) {
    if (byFilter.size >= 100) byFilter.clear();
    facets = facetCounts(items, filter, (item) => item.row);
    byFilter.set(key, facets);
  }
  return facets;
}
