import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { SsoLoginService } from '../../auth/oidc/sso-login.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { publicSettings } from './public-settings';
import { SettingsModel } from './settings.model';

/** `settings`: public, as Argo CD's settings API is (a login page needs it before anyone logs in). */
@Resolver(() => SettingsModel)
export class SettingsResolver {
  constructor(
    private readonly configMaps: SettingsConfigMaps,
    private readonly sso: SsoLoginService,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  @Query(() => SettingsModel, { description: "Argo CD's public settings: what a login page and a client need" })
  async settings(): Promise<SettingsModel> {
    const [argocdCm, cmdParams] = await Promise.all([
      this.configMaps.data('argocd-cm'),
      this.configMaps.data('argocd-cmd-params-cm').catch((): Record<string, string> => ({})),
    ]);
    // SSO that is not configured, or configured wrongly, shows as none (the server logs why).
    const oidc = await this.sso.publicSettings().catch(() => null);
    return {
      ...publicSettings(argocdCm, cmdParams, this.config.namespace),
      oidc: oidc && {
        name: oidc.name,
        issuer: oidc.issuer,
        clientID: oidc.clientID,
        cliClientID: oidc.cliClientID,
        scopes: oidc.scopes,
      },
    };
  }
}
