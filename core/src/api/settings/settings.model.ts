import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('SsoSettings', { description: 'What a client needs to offer SSO login; never the client secret' })
export class SsoSettingsModel {
  @Field({ description: 'Shown on the login button' })
  name!: string;

  @Field()
  issuer!: string;

  @Field()
  clientID!: string;

  @Field({ description: 'The client `driftless login --sso` uses' })
  cliClientID!: string;

  @Field(() => [String])
  scopes!: string[];
}

@ObjectType('Settings', {
  description: "Argo CD's public settings (its /api/v1/settings): what a login page and a client need, from argocd-cm",
})
export class SettingsModel {
  @Field(() => String, { nullable: true, description: 'argocd-cm url: the external URL' })
  url!: string | null;

  @Field({ description: 'statusbadge.enabled' })
  statusBadgeEnabled!: boolean;

  @Field({ description: 'true when admin.enabled is false and no other account may log in' })
  userLoginsDisabled!: boolean;

  @Field({ description: 'application.instanceLabelKey' })
  appLabelKey!: string;

  @Field({ description: 'application.resourceTrackingMethod' })
  trackingMethod!: string;

  @Field({ description: 'exec.enabled' })
  execEnabled!: boolean;

  @Field(() => String, { nullable: true })
  uiBannerContent!: string | null;

  @Field(() => String, { nullable: true })
  uiBannerURL!: string | null;

  @Field()
  uiBannerPermanent!: boolean;

  @Field(() => String, { nullable: true })
  uiBannerPosition!: string | null;

  @Field(() => String, { nullable: true, description: 'help.chatUrl' })
  helpChatUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'help.chatText' })
  helpChatText!: string | null;

  @Field({ description: 'The namespace Driftless runs in' })
  controllerNamespace!: string;

  @Field({ description: 'Whether application.namespaces lets Applications live outside it' })
  appsInAnyNamespaceEnabled!: boolean;

  @Field(() => SsoSettingsModel, { nullable: true, description: 'oidc.config, when SSO is configured and valid' })
  oidc!: SsoSettingsModel | null;
}
