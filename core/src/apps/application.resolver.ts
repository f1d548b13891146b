import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { paginate } from '../api/pagination/offset-cursor';
import { principalOf } from '../auth/graphql/auth-errors';
import { type AuthContext } from '../auth/principal';
import { RbacAuthorizer } from '../auth/rbac/rbac-authorizer.service';
import { guardedLookup } from '../rbac';
import { ApplicationReader } from './application-reader.service';
import { toApplicationModel } from './application-summary';
import { ApplicationConnection, ApplicationModel } from './models/application.model';

/** The RBAC object of a stored Application: `<its project>/<its name>`. */
const rbacObject = (application: Application): string =>
  `${application.spec.project ?? 'default'}/${application.metadata.name ?? ''}`;

@Resolver(() => ApplicationModel)
export class ApplicationResolver {
  constructor(
    private readonly reader: ApplicationReader,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Query(() => ApplicationConnection, {
    description: 'Applications the caller may get (applications, get, <project>/<name>), ordered by name',
  })
  async applications(
    @Args('first', { type: () => Int, defaultValue: 100, description: 'Page size, 1 to 1000' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page' })
    after: string | null,
    @Args('projects', { type: () => [String], nullable: true, description: 'Only applications of these projects' })
    projects: string[] | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationConnection> {
    const visible = await this.rbac.filter(principalOf(context), 'applications', await this.reader.list(), rbacObject);
    const all = visible.map(toApplicationModel);
    const matching =
      projects && projects.length > 0 ? all.filter((application) => projects.includes(application.project)) : all;
    return paginate(matching, first, after);
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
