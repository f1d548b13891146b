// Argo CD's resource APIs as GraphQL mutations: delete, patch and run an
// action on one object of an application's managed tree. Thin: see
// ResourceMutations for the rules.
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type AuthContext } from '../../auth/principal';
import { PatchTypeValue } from './dto/mutation-enums';
import { ManagedResourceInput, ManagedResourceRefModel, ResourceActionParameterInput } from './dto/resource.input';
import { mutation } from './mutation-errors';
import { ResourceMutations } from './resource-mutations.service';

const appNamespaceArg = {
  type: () => String,
  nullable: true,
  description: "The Application's namespace (default: the control-plane namespace)",
} as const;

const target = (name: string, appNamespace: string | null | undefined) =>
  appNamespace == null ? { name } : { name, namespace: appNamespace };

@Resolver()
export class ResourceMutationsResolver {
  constructor(private readonly resources: ResourceMutations) {}

  @Mutation(() => ManagedResourceRefModel, {
    description:
      'Deletes an object of the application (applications, delete/<group>/<kind>/<namespace>/<name>); foreground unless orphan or force',
  })
  deleteResource(
    @Args('name', { description: 'The application' }) name: string,
    @Args('resource', { type: () => ManagedResourceInput }) resource: ManagedResourceInput,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Args('force', { defaultValue: false, description: 'Remove finalizers and delete at once' }) force: boolean,
    @Args('orphan', { defaultValue: false, description: 'Keep the dependents' }) orphan: boolean,
    @Context() context: AuthContext,
  ): Promise<ManagedResourceRefModel> {
    return mutation(() => this.resources.delete(context, target(name, appNamespace), resource, { force, orphan }));
  }

  @Mutation(() => ManagedResourceRefModel, {
    description: 'Patches an object of the application (applications, update/<group>/<kind>/<namespace>/<name>)',
  })
  patchResource(
    @Args('name', { description: 'The application' }) name: string,
    @Args('resource', { type: () => ManagedResourceInput }) resource: ManagedResourceInput,
    @Args('patch', { description: 'The patch as JSON text' }) patch: string,
    @Args('patchType', { type: () => PatchTypeValue, defaultValue: PatchTypeValue.merge }) patchType: PatchTypeValue,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<ManagedResourceRefModel> {
    return mutation(() =>
      this.resources.patch(
        context,
        target(name, appNamespace),
        resource,
        patch,
        patchType === PatchTypeValue.json ? 'json' : 'merge',
      ),
    );
  }

  @Mutation(() => ManagedResourceRefModel, {
    description:
      'Runs a resource action (argocd-cm or a plugin) on an object of the application (applications, action/<group>/<kind>/<action>)',
  })
  runResourceAction(
    @Args('name', { description: 'The application' }) name: string,
    @Args('resource', { type: () => ManagedResourceInput }) resource: ManagedResourceInput,
    @Args('action') action: string,
    @Args('parameters', { type: () => [ResourceActionParameterInput], nullable: true })
    parameters: ResourceActionParameterInput[] | null,
    @Args('appNamespace', appNamespaceArg) appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<ManagedResourceRefModel> {
    return mutation(() =>
      this.resources.runAction(
        context,
        target(name, appNamespace),
        resource,
        action,
        Object.fromEntries((parameters ?? []).map((parameter) => [parameter.name, parameter.value])),
      ),
    );
  }
}
