import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { paginate } from '../api/pagination/offset-cursor';
import { ApplicationReader } from './application-reader.service';
import { toApplicationModel } from './application-summary';
import { ApplicationConnection, ApplicationModel } from './models/application.model';

@Resolver(() => ApplicationModel)
export class ApplicationResolver {
  constructor(private readonly reader: ApplicationReader) {}

  @Query(() => ApplicationConnection, { description: 'Applications, ordered by name' })
  async applications(
    @Args('first', { type: () => Int, defaultValue: 100, description: 'Page size, 1 to 1000' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page' })
    after: string | null,
    @Args('projects', { type: () => [String], nullable: true, description: 'Only applications of these projects' })
    projects: string[] | null,
  ): Promise<ApplicationConnection> {
    const all = (await this.reader.list()).map(toApplicationModel);
    const matching =
      projects && projects.length > 0 ? all.filter((application) => projects.includes(application.project)) : all;
    return paginate(matching, first, after);
  }

  @Query(() => ApplicationModel, { nullable: true, description: 'One application by name; null when there is none' })
  async application(@Args('name') name: string): Promise<ApplicationModel | null> {
    const application = await this.reader.get(name);
    return application ? toApplicationModel(application) : null;
  }
}
