// Installing plugins over the API writes Plugin resources (driftless.io/v1alpha1)
// in the control-plane namespace: every Driftless process reconciles them
// (PluginResourceReconciler), so a plugin installed through one API replica
// is installed everywhere, exactly as `kubectl apply` of the same resource.
// RBAC: `plugins` create/update/delete/get on the plugin id.
import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Capabilities, type NetworkClass } from '@driftless/plugin-sdk';
import { GraphQLError } from 'graphql';
import { badInput, forbidden, principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import { isDns1123Subdomain } from '../../rbac/object-names';
import {
  PLUGIN_GROUP,
  PLUGIN_PLURAL,
  PLUGIN_VERSION,
  type PluginResource,
  type PluginResourceSpec,
} from '../resource/plugin-crd';
import { InstallPluginInput, type PluginGrantsInput, PluginResourceModel } from './plugin-resource.model';

const NETWORKS = new Set<string>(['loopback', 'private', 'linkLocal']);

export function grantsOf(input: PluginGrantsInput | null | undefined): Capabilities {
  const grants: Capabilities = {};
  if (!input) return grants;
  const networks = (input.httpNetworks ?? []).map((network) => {
    if (!NETWORKS.has(network)) throw badInput(`httpNetworks: "${network}" is not loopback, private or linkLocal`);
    return network as NetworkClass;
  });
  if (input.httpHosts?.length) grants.http = { hosts: input.httpHosts, networks };
  if (input.smtpHosts?.length) grants.smtp = { hosts: input.smtpHosts, networks };
  if (input.execBinaries?.length) grants.exec = { binaries: input.execBinaries };
  if (input.workspace) grants.workspace = true;
  if (input.crypto) grants.crypto = true;
  if (input.secrets?.length) grants.secrets = { names: input.secrets };
  return grants;
}

function model(resource: PluginResource): PluginResourceModel {
  return {
    id: resource.metadata.name,
    package: resource.spec.package,
    enabled: resource.spec.enabled !== false,
    phase: resource.status?.phase ?? null,
    installedVersion: resource.status?.installedVersion ?? null,
    requestedCapabilities: resource.status?.requestedCapabilities ?? [],
    message: resource.status?.message ?? null,
    generation: resource.metadata.generation ?? 0,
    observedGeneration: resource.status?.observedGeneration ?? null,
  };
}

@Resolver(() => PluginResourceModel)
export class PluginMutationsResolver {
  private readonly http: KubeHttp;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly rbac: RbacAuthorizer,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig, 15_000);
  }

  @Query(() => [PluginResourceModel], {
    description: 'Plugin resources (installed plugins) the caller may get, with what installing them did',
  })
  async pluginResources(@Context() context: AuthContext): Promise<PluginResourceModel[]> {
    const list = await this.http.getJson<{ items: PluginResource[] }>(this.path());
    const visible = await this.rbac.filter(principalOf(context), 'plugins', list.items, (item) => item.metadata.name);
    return visible.map(model).sort((a, b) => a.id.localeCompare(b.id));
  }

  @Mutation(() => PluginResourceModel, {
    description:
      'Installs a plugin (or upgrades it: a new package, integrity or grants) through its Plugin resource (plugins, create or update)',
  })
  async installPlugin(
    @Args('input', { type: () => InstallPluginInput }) input: InstallPluginInput,
    @Context() context: AuthContext,
  ): Promise<PluginResourceModel> {
    const id = this.checkedId(input.id);
    const existing = await this.read(id);
    await this.authorize(context, existing ? 'update' : 'create', id);
    const spec: PluginResourceSpec = {
      package: input.package,
      ...(input.registry ? { registry: input.registry } : {}),
      ...(input.integrity ? { integrity: input.integrity } : {}),
      grants: grantsOf(input.grants),
      enabled: input.enabled !== false,
    };
    const written = existing
      ? await this.write('PUT', id, { ...existing, spec })
      : await this.write('POST', undefined, {
          apiVersion: `${PLUGIN_GROUP}/${PLUGIN_VERSION}`,
          kind: 'Plugin',
          metadata: { name: id },
          spec,
        });
    return model(written);
  }

  @Mutation(() => PluginResourceModel, { description: 'Enables or disables an installed plugin (plugins, update)' })
  async setPluginEnabled(
    @Args('id') id: string,
    @Args('enabled') enabled: boolean,
    @Context() context: AuthContext,
  ): Promise<PluginResourceModel> {
    const name = this.checkedId(id);
    await this.authorize(context, 'update', name);
    const existing = await this.read(name);
    if (!existing) throw forbidden();
    return model(await this.write('PUT', name, { ...existing, spec: { ...existing.spec, enabled } }));
  }

  @Mutation(() => Boolean, { description: 'Uninstalls a plugin: deletes its Plugin resource (plugins, delete)' })
  async uninstallPlugin(@Args('id') id: string, @Context() context: AuthContext): Promise<boolean> {
    const name = this.checkedId(id);
    await this.authorize(context, 'delete', name);
    try {
      await this.http.sendJson('DELETE', this.path(name), {});
    } catch (error) {
      // Missing and forbidden read the same.
      if (error instanceof KubeHttpError && error.status === 404) throw forbidden();
      throw error;
    }
    return true;
  }

  private path(name?: string): string {
    const base = `/apis/${PLUGIN_GROUP}/${PLUGIN_VERSION}/namespaces/${this.config.namespace}/${PLUGIN_PLURAL}`;
    return name ? `${base}/${name}` : base;
  }

  private checkedId(id: string): string {
    if (!isDns1123Subdomain(id))
      throw badInput(`plugin id ${JSON.stringify(id)} is not a valid name (lowercase letters, digits, '-' and '.')`);
    return id;
  }

  private async authorize(context: AuthContext, action: string, id: string): Promise<void> {
    if (!(await this.rbac.can(principalOf(context), action, 'plugins', id))) throw forbidden();
  }

  private async read(name: string): Promise<PluginResource | undefined> {
    try {
      return await this.http.getJson<PluginResource>(this.path(name));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async write(method: 'POST' | 'PUT', name: string | undefined, body: PluginResource | object) {
    try {
      return await this.http.sendJson<PluginResource>(method, this.path(name), body);
    } catch (error) {
      if (error instanceof KubeHttpError && (error.status === 422 || error.status === 400))
        throw new GraphQLError(`the Plugin resource was refused: ${error.message.split(': ').slice(-1)[0] ?? ''}`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      if (error instanceof KubeHttpError && error.status === 409)
        throw new GraphQLError('the plugin changed meanwhile; try again', { extensions: { code: 'CONFLICT' } });
      throw error;
    }
  }
}
