// The detail fields of `Application` (Argo CD's `app get`, GetSyncWindows,
// ListResourceEvents, GetManifests). Each is resolved only when a query asks
// for it, from the stored Application the model carries: a page of the list
// costs nothing for fields nobody asked for. Whoever got the model may `get`
// the application (the list and the query check that), which is all Argo CD
// asks for these reads.
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Application, type AppProject } from '@driftless/schema';
import { beforeDeadline } from '../../api/hardening/execution-deadline';
import { type AuthContext } from '../../auth/principal';
import { ProjectReader } from '../../projects/project-reader.service';
import { JSONObjectScalar } from '../mutations/json-object.scalar';
import { ApplicationModel } from '../models/application.model';
import { ApplicationEventModel } from './application-event.model';
import { ApplicationEvents } from './application-events.service';
import { ApplicationManifestsModel } from './application-manifests.model';
import { ApplicationManifests } from './application-manifests.service';
import { ApplicationStatusModel } from './application-status.model';
import { applicationSyncWindows } from './application-sync-windows';
import { ApplicationSyncWindowsModel } from './sync-windows.model';
import { FIELD_COST } from '../../api/hardening/query-cost';

/** The stored Application behind a model; every builder of ApplicationModel sets it. */
export function storedOf(model: { stored?: Application }): Application {
  if (!model.stored) throw new Error('ApplicationModel built without its stored Application');
  return model.stored;
}

@Resolver(() => ApplicationModel)
export class ApplicationDetailResolver {
  /** One read of the projects per request: a page of 1,000 apps asking for syncWindows reads them once. */
  private readonly requestProjects = new WeakMap<object, Promise<AppProject[]>>();

  constructor(
    private readonly projects: ProjectReader,
    private readonly eventLists: ApplicationEvents,
    private readonly manifestRenders: ApplicationManifests,
  ) {}

  @ResolveField(() => JSONObjectScalar, { description: 'The Application’s spec as stored (Argo CD returns it as is)' })
  spec(@Parent() model: ApplicationModel): Record<string, unknown> {
    return storedOf(model).spec as unknown as Record<string, unknown>;
  }

  @ResolveField(() => JSONObjectScalar, { description: 'metadata.labels' })
  labels(@Parent() model: ApplicationModel): Record<string, string> {
    return storedOf(model).metadata.labels ?? {};
  }

  @ResolveField(() => JSONObjectScalar, { description: 'metadata.annotations' })
  annotations(@Parent() model: ApplicationModel): Record<string, string> {
    return storedOf(model).metadata.annotations ?? {};
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether an operation is requested or running (the controller clears it when done); what `app wait` waits on',
  })
  operationInProgress(@Parent() model: ApplicationModel): boolean {
    const app = storedOf(model);
    const state = app.status?.operationState;
    return app.operation !== undefined || (state !== undefined && !state.finishedAt);
  }

  @ResolveField(() => ApplicationStatusModel, { description: "The controller's view: sync, health, resources, …" })
  status(@Parent() model: ApplicationModel): ApplicationStatusModel {
    return { stored: storedOf(model) };
  }

  @ResolveField(() => ApplicationSyncWindowsModel, {
    description: "The project's sync windows that apply to the application, and whether it may sync now",
  })
  async syncWindows(
    @Parent() model: ApplicationModel,
    @Context() context: AuthContext,
  ): Promise<ApplicationSyncWindowsModel> {
    const app = storedOf(model);
    const projectName = app.spec.project || 'default';
    const project = (await this.projectsOf(context)).find((candidate) => candidate.metadata.name === projectName);
    return applicationSyncWindows(app, project?.spec.syncWindows ?? [], new Date());
  }

  private projectsOf(context: AuthContext): Promise<AppProject[]> {
    let projects = this.requestProjects.get(context);
    if (!projects) {
      projects = this.projects.list();
      this.requestProjects.set(context, projects);
    }
    return projects;
  }

  @ResolveField(() => [ApplicationEventModel], {
    complexity: FIELD_COST.read,
    description: 'Kubernetes Events about the application and its managed resources, newest first',
  })
  events(
    @Parent() model: ApplicationModel,
    @Args('includeResources', {
      defaultValue: true,
      description: "Also the events of the app's managed resources (one list per destination namespace)",
    })
    includeResources: boolean,
  ): Promise<ApplicationEventModel[]> {
    return this.eventLists.of(storedOf(model), includeResources);
  }

  @ResolveField(() => ApplicationManifestsModel, {
    complexity: FIELD_COST.render,
    description: 'The manifests the application renders to at a revision (Secret values masked)',
  })
  manifests(
    @Parent() model: ApplicationModel,
    @Args('revision', {
      type: () => String,
      nullable: true,
      description: 'Branch, tag, commit or chart version (default: the target revision; single-source apps)',
    })
    revision: string | null | undefined,
    @Context() context: AuthContext,
  ): Promise<ApplicationManifestsModel> {
    // The render itself is bounded by the repo-server's own timeout; the caller gets an answer at its deadline.
    return beforeDeadline(context.deadline, 'rendering the manifests', () =>
      this.manifestRenders.render(storedOf(model), revision ?? null),
    );
  }
}
