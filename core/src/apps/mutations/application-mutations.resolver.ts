// Argo CD's Application API as GraphQL mutations. Thin: arguments become
// requests for ApplicationOperations / ApplicationWrites, which authorize
// against the stored object; answers are built by allow-list (the
// `Application` type).
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { type AuthContext } from '../../auth/principal';
import { toApplicationModel } from '../application-summary';
import { ApplicationModel } from '../models/application.model';
import { ApplicationOperations } from './application-operations.service';
import { ApplicationWrites } from './application-writes.service';
import { ApplicationInput } from './dto/application.input';
import { PatchTypeValue, PropagationPolicyValue } from './dto/mutation-enums';
import { ApplicationOperationModel } from './dto/operation-state.model';
import { toOperationModel } from './operation-state-view';
import { ApplicationAccess } from './application-access.service';
import {
  OperationInfoInput,
  RetryInput,
  SyncResourceInput,
  SyncStrategyInput,
  SyncStrategyKind,
} from './dto/sync.input';
import { JSONObjectScalar } from './json-object.scalar';
import { mutation } from './mutation-errors';
import { syncParameters } from './sync-parameters';

const appNamespaceArg = {
  type: () => String,
  nullable: true,
  description: "The Application's namespace (default: the control-plane namespace)",
} as const;

const model = (app: Application): ApplicationModel => toApplicationModel(app);

@Resolver()
export class ApplicationMutationsResolver {
  constructor(
    private readonly operations: ApplicationOperations,
    private readonly writes: ApplicationWrites,
    private readonly access: ApplicationAccess,
  ) {}

  @Query(() => ApplicationOperationModel, {
    description:
      "An application's requested, running or last operation (applications, get); what `app sync` waits on. Missing and forbidden answer alike",
  })
  applicationOperation(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationOperationModel> {
    return mutation(async () => {
      const { app } = await this.access.authorize(context, 'get', target(name, appNamespace));
      return toOperationModel(app);
    });
  }

  @Mutation(() => ApplicationModel, {
    description:
      'Requests a sync (applications, sync): writes the operation the controller runs; refused while another operation is in progress',
  })
  syncApplication(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('revision', { type: () => String, nullable: true, description: 'Default: the target revision' })
    revision: string | null,
    @Args('resources', { type: () => [SyncResourceInput], nullable: true, description: 'Default: every resource' })
    resources: SyncResourceInput[] | null,
    @Args('prune', { defaultValue: false }) prune: boolean,
    @Args('dryRun', { defaultValue: false }) dryRun: boolean,
    @Args('strategy', { type: () => SyncStrategyInput, nullable: true }) strategy: SyncStrategyInput | null,
    @Args('syncOptions', { type: () => [String], nullable: true, description: 'Key=Value, e.g. CreateNamespace=true' })
    syncOptions: string[] | null,
    @Args('retry', { type: () => RetryInput, nullable: true }) retry: RetryInput | null,
    @Args('infos', { type: () => [OperationInfoInput], nullable: true }) infos: OperationInfoInput[] | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => {
      const parameters = syncParameters({
        revision,
        resources,
        prune,
        dryRun,
        strategy: strategy
          ? { type: strategy.type === SyncStrategyKind.apply ? 'apply' : 'hook', force: strategy.force }
          : null,
        syncOptions,
        retry,
        infos,
      });
      return model(await this.operations.sync(context, target(name, appNamespace), parameters));
    });
  }

  @Mutation(() => ApplicationModel, {
    description:
      'Redeploys a history entry (applications, sync) with the apply strategy; refused while auto-sync is on (but for a dry run)',
  })
  rollbackApplication(
    @Args('name') name: string,
    @Args('id', {
      type: () => Int,
      nullable: true,
      description: 'History id; default: the deployment before the current one',
    })
    id: number | null,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('prune', { defaultValue: false }) prune: boolean,
    @Args('dryRun', { defaultValue: false }) dryRun: boolean,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () =>
      model(await this.operations.rollback(context, target(name, appNamespace), id ?? undefined, { prune, dryRun })),
    );
  }

  @Mutation(() => ApplicationModel, { description: 'Terminates the running operation (applications, sync)' })
  terminateOperation(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => model(await this.operations.terminate(context, target(name, appNamespace))));
  }

  @Mutation(() => ApplicationModel, {
    description: 'Asks the controller to refresh the application (applications, get); does not wait for it',
  })
  refreshApplication(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('hard', { defaultValue: false, description: 'Render the manifests again without caches' }) hard: boolean,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => model(await this.operations.refresh(context, target(name, appNamespace), hard)));
  }

  @Mutation(() => ApplicationModel, {
    description:
      'Creates an application (applications, create on <project>/<name>); an identical one is returned as is, a different one needs upsert (and update on it)',
  })
  createApplication(
    @Args('input', { type: () => ApplicationInput }) input: ApplicationInput,
    @Args('upsert', { defaultValue: false }) upsert: boolean,
    @Args('validate', {
      defaultValue: true,
      description: "Accepted for Argo CD compatibility; the project's rules are always checked",
    })
    _validate: boolean,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => model(await this.writes.create(context, input, upsert)));
  }

  @Mutation(() => ApplicationModel, {
    description:
      "Replaces an application's spec, labels, annotations and finalizers (applications, update on the stored object and on the result)",
  })
  updateApplication(
    @Args('input', { type: () => ApplicationInput }) input: ApplicationInput,
    @Args('validate', { defaultValue: true, description: 'Accepted for Argo CD compatibility' }) _validate: boolean,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => model(await this.writes.update(context, input)));
  }

  @Mutation(() => ApplicationModel, { description: "Replaces an application's spec (applications, update)" })
  updateApplicationSpec(
    @Args('name') name: string,
    @Args('spec', { type: () => JSONObjectScalar }) spec: Record<string, unknown>,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('validate', { defaultValue: true, description: 'Accepted for Argo CD compatibility' }) _validate: boolean,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () => model(await this.writes.updateSpec(context, target(name, appNamespace), spec)));
  }

  @Mutation(() => ApplicationModel, {
    description:
      'Patches an application (applications, update); the patch may change only spec, labels, annotations and finalizers',
  })
  patchApplication(
    @Args('name') name: string,
    @Args('patch', { description: 'The patch as JSON text' }) patch: string,
    @Args('patchType', { type: () => PatchTypeValue, defaultValue: PatchTypeValue.merge }) patchType: PatchTypeValue,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<ApplicationModel> {
    return mutation(async () =>
      model(
        await this.writes.patch(
          context,
          target(name, appNamespace),
          patch,
          patchType === PatchTypeValue.json ? 'json' : 'merge',
        ),
      ),
    );
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes an application (applications, delete); with cascade (the default) the controller deletes its resources first',
  })
  deleteApplication(
    @Args('name') name: string,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('cascade', { type: () => Boolean, nullable: true, description: 'Default true' }) cascade: boolean | null,
    @Args('propagationPolicy', { type: () => PropagationPolicyValue, nullable: true })
    propagationPolicy: PropagationPolicyValue | null,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    return mutation(() =>
      this.writes.delete(context, target(name, appNamespace), cascade ?? undefined, propagationPolicy ?? undefined),
    );
  }
}

/** Omitted nullable arguments arrive as undefined, explicit ones as null: both mean "not given". */
function target(name: string, appNamespace: string | null | undefined): { name: string; namespace?: string } {
  return appNamespace == null ? { name } : { name, namespace: appNamespace };
}
