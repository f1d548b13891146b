import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'Capabilities an admin grants a plugin; it gets those its manifest also requests' })
export class PluginGrantsInput {
  @Field(() => [String], { nullable: true, description: 'http hosts: host, host:port or *.domain' })
  httpHosts?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Address ranges http may reach besides public ones: loopback, private, linkLocal',
  })
  httpNetworks?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'SMTP servers: host or host:port' })
  smtpHosts?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Binaries exec may run' })
  execBinaries?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Read access to the checked-out source' })
  workspace?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'host.crypto.sign (RS256 with keys the plugin holds)' })
  crypto?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Secret names the kernel may hand to the plugin' })
  secrets?: string[] | null;
}

@InputType({ description: 'A plugin to install or upgrade: a Plugin resource named after its id' })
export class InstallPluginInput {
  @Field({ description: 'The plugin id from its manifest (the Plugin resource is named after it)' })
  id!: string;

  @Field({ description: 'npm package[@range], or an https URL of a tarball' })
  package!: string;

  @Field(() => String, { nullable: true, description: 'npm registry URL (default https://registry.npmjs.org)' })
  registry?: string | null;

  @Field(() => String, { nullable: true, description: 'sha512 integrity the package must have' })
  integrity?: string | null;

  @Field(() => PluginGrantsInput, { nullable: true })
  grants?: PluginGrantsInput | null;

  @Field(() => Boolean, { nullable: true, description: 'false installs it disabled' })
  enabled?: boolean | null;
}

@ObjectType('PluginResource', { description: 'A Plugin resource (driftless.io/v1alpha1) and what installing it did' })
export class PluginResourceModel {
  @Field()
  id!: string;

  @Field()
  package!: string;

  @Field()
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Installed, Disabled or Failed; null until a process reconciled it',
  })
  phase!: string | null;

  @Field(() => String, { nullable: true })
  installedVersion!: string | null;

  @Field(() => [String], { description: 'What the manifest asks for, one per line' })
  requestedCapabilities!: string[];

  @Field(() => String, { nullable: true, description: 'For Failed: the named error' })
  message!: string | null;

  @Field(() => Int, { description: 'metadata.generation; status.observedGeneration equals it once reconciled' })
  generation!: number;

  @Field(() => Int, { nullable: true })
  observedGeneration!: number | null;
}
