// Argo CD's resource APIs on an app's managed objects: delete, patch and run
// a resource action. Authorized with Argo CD 3's fine-grained actions on the
// stored app; the object must be in the app's managed tree and allowed by its
// project in its destination, or the answer is the same "permission denied"
// as for a missing app (security.md BI-RBAC-1).
import { Injectable } from '@nestjs/common';
import { type KubeObject } from '@driftless/plugin-sdk';
import { badInput, forbidden } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { PluginHost } from '../../plugins/plugin-host.service';
import { ApplicationAccess, type AppTarget } from './application-access.service';
import { fineGrainedInheritanceDisabled, resourceActionCandidates, resourceActionRbac } from './application-rbac';
import { DestinationResources, type ResourceLocation } from './destination-resources.service';
import { findManagedResource, resourceDeletion, type ResourceRequest } from './managed-resource';
import { type PatchType } from './application-writes.service';

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

const PATCH_CONTENT_TYPES: Record<PatchType | 'strategic', string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

@Injectable()
export class ResourceMutations {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly destinations: DestinationResources,
    private readonly settings: SettingsConfigMaps,
    private readonly plugins: PluginHost,
  ) {}

  async delete(
    context: AuthContext,
    target: AppTarget,
    request: ResourceRequest,
    options: { force: boolean; orphan: boolean },
  ): Promise<ResourceResult> {
    const deletion = resourceDeletion(options.force, options.orphan);
    if (typeof deletion === 'string') throw badInput(deletion);
    const { location, resource } = await this.find(context, target, request, await this.candidates('delete', request));
    await this.destinations.delete(location, deletion);
    return resource;
  }

  async patch(
    context: AuthContext,
    target: AppTarget,
    request: ResourceRequest,
    text: string,
    type: PatchType | 'strategic',
  ): Promise<ResourceResult> {
    let patch: unknown;
    try {
      patch = JSON.parse(text);
    } catch {
      throw badInput(`the ${type} patch is not valid JSON`);
    }
    const { location, resource } = await this.find(context, target, request, await this.candidates('update', request));
    await this.destinations.patch(location, patch, PATCH_CONTENT_TYPES[type]);
    return resource;
  }

  /** Runs a resource action (argocd-cm Lua or a plugin's) and applies what it changes to the object itself. */
  async runAction(
    context: AuthContext,
    target: AppTarget,
    request: ResourceRequest,
    action: string,
    parameters: Record<string, string>,
  ): Promise<ResourceResult> {
    const rbacAction = resourceActionRbac(request.group, request.kind, action);
    const { location, resource } = await this.find(context, target, request, [rbacAction]);
    const live = await location.http.getJson<KubeObject>(location.path);
    const argocdCm = await this.settings.data('argocd-cm');
    const resourceOverrides = Object.fromEntries(
      Object.entries(argocdCm).filter(([key]) => key.startsWith('resource.customizations')),
    );
    const available = await this.plugins.listActions(live, { resourceOverrides });
    const offered = available.find((candidate) => candidate.name === action);
    if (!offered || offered.disabled)
      throw badInput(`action ${JSON.stringify(action)} is not available for ${request.kind} ${request.name}`);
    const impacted = await this.plugins.runAction(live, action, parameters, { resourceOverrides });
    for (const change of impacted) {
      const same =
        change.operation === 'patch' &&
        change.object.kind === live.kind &&
        change.object.metadata.name === live.metadata.name &&
        (change.object.metadata.namespace ?? '') === (live.metadata.namespace ?? '');
      if (!same)
        throw badInput(
          `action ${JSON.stringify(action)} changes another object than ${request.kind} ${request.name}; Driftless applies only changes to the object itself`,
        );
    }
    for (const change of impacted)
      await this.destinations.replace(location, {
        ...change.object,
        metadata: { ...change.object.metadata, resourceVersion: live.metadata.resourceVersion },
      });
    return resource;
  }

  private async candidates(verb: 'update' | 'delete', request: ResourceRequest): Promise<string[]> {
    const disabled = fineGrainedInheritanceDisabled(await this.settings.data('argocd-cm'));
    return resourceActionCandidates(verb, request, disabled);
  }

  private async find(
    context: AuthContext,
    target: AppTarget,
    request: ResourceRequest,
    actions: readonly string[],
  ): Promise<{ location: ResourceLocation; resource: ResourceResult }> {
    const { app } = await this.access.authorize(context, actions, target);
    const managed = findManagedResource(app, request);
    if (!managed) throw forbidden();
    const resource = { ...request, version: request.version || managed.version || '' };
    if (resource.version === '') throw forbidden();
    const location = await this.destinations.locate(app, resource, this.access.controlNamespace);
    if (!location) throw forbidden();
    return { location, resource };
  }
}
