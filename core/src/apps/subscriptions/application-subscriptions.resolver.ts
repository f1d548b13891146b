// The application subscriptions over graphql-ws. Thin: each opens a
// per-subscriber stream (apps/subscriptions) that authorizes every item at
// emit; `resolveOrEnd` turns a server-side end (access lost, too slow) into
// the subscription's last result, an error with an extensions.code.
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { badInput, principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { resolveOrEnd, type SubscriptionEnd } from '../../api/subscriptions/subscription-end';
import { ApplicationEventModel } from '../detail/application-event.model';
import { ApplicationFilterInput } from '../models/application-query.model';
import { ApplicationOperationModel } from '../mutations/dto/operation-state.model';
import { mutation } from '../mutations/mutation-errors';
import { InvalidFilterError } from '../query/application-filter';
import { ApplicationChangeModel } from './application-change.model';
import { ApplicationChanges } from './application-changes.service';
import { ApplicationEventsStream } from './application-events-stream.service';
import { ApplicationOperationProgress } from './application-operation-progress.service';

const appNamespaceArg = {
  type: () => String,
  nullable: true,
  description: "The Application's namespace (default: the control-plane namespace)",
} as const;

type Stream<T> = AsyncIterableIterator<T | SubscriptionEnd>;

@Resolver()
export class ApplicationSubscriptionsResolver {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly operations: ApplicationOperationProgress,
    private readonly events: ApplicationEventsStream,
  ) {}

  @Subscription(() => ApplicationChangeModel, {
    resolve: resolveOrEnd,
    description:
      'Applications entering, changing in or leaving what the `applications` query with these filters shows the caller (applications, get, checked at every change with the current policy); changes the model does not show send nothing',
  })
  async applicationChanges(
    @Args('projects', {
      type: () => [String],
      nullable: true,
      description: 'Only applications of these projects (the same as filter.projects)',
    })
    projects: string[] | null,
    @Args('filter', { type: () => ApplicationFilterInput, nullable: true }) filter: ApplicationFilterInput | null,
    @Args('includeExisting', {
      defaultValue: false,
      description: "First send every matching application as ADDED (Argo CD's watch); default: only what changes",
    })
    includeExisting: boolean,
    @Context() context: AuthContext,
  ): Promise<Stream<ApplicationChangeModel>> {
    try {
      return await this.changes.open(
        principalOf(context),
        { ...filter, projects: filter?.projects ?? projects },
        includeExisting,
      );
    } catch (error) {
      if (error instanceof InvalidFilterError) throw badInput(error.message);
      throw error;
    }
  }

  @Subscription(() => ApplicationOperationModel, {
    resolve: resolveOrEnd,
    description:
      "An application's operation now and at every change (applications, get); completes once nothing is requested or running unless `follow`. Missing and forbidden answer alike",
  })
  applicationOperation(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('follow', { defaultValue: false, description: 'Stay open for the operations that follow' })
    follow: boolean,
    @Context() context: AuthContext,
  ): Promise<Stream<ApplicationOperationModel>> {
    return mutation(() => this.operations.open(context, { name, namespace: appNamespace ?? undefined }, follow));
  }

  @Subscription(() => ApplicationEventModel, {
    resolve: resolveOrEnd,
    description:
      'Kubernetes Events about an application and its managed resources (applications, get), existing ones first, then as they are recorded or counted again',
  })
  applicationEvents(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<Stream<ApplicationEventModel>> {
    return mutation(() => this.events.open(context, { name, namespace: appNamespace ?? undefined }));
  }
}
