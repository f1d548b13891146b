import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Plugin', { description: 'A plugin loaded (or failed to load) by the plugin host' })
export class PluginModel {
  @Field({ description: 'Plugin id from its manifest, e.g. acme.webhook-notifier' })
  id!: string;

  @Field({ description: 'Version that is active' })
  version!: string;

  @Field({
    description:
      'Extension point it contributes to: source, renderer, generator, health, notifier, imageStrategy or action',
  })
  extensionPoint!: string;

  @Field({ description: 'builtin (shipped in plugins/) or installed' })
  origin!: string;

  @Field({ description: 'active, disabled or failed' })
  state!: string;

  @Field(() => String, { nullable: true, description: 'Why it failed to load, with its named error code' })
  error!: string | null;

  @Field(() => Int, { description: 'Higher wins when plugins claim the same key' })
  precedence!: number;

  @Field(() => [String], { description: 'Capabilities it was granted, one per line, e.g. "http hooks.example.com"' })
  grantedCapabilities!: string[];

  @Field(() => Float, { nullable: true, description: 'Milliseconds its isolate took to create when it was loaded' })
  coldStartMs!: number | null;
}

@ObjectType('PluginConflict', { description: 'A key claimed by more than one plugin, and which one answers for it' })
export class PluginConflictModel {
  @Field()
  extensionPoint!: string;

  @Field({ description: 'The claimed key: a group/Kind pattern, a service or renderer name, a repoURL pattern' })
  key!: string;

  @Field({ description: 'Id of the plugin that answers' })
  winner!: string;

  @Field(() => [String], { description: 'Ids of the plugins it shadows' })
  shadowed!: string[];

  @Field({ description: 'The winner has the same precedence as a shadowed plugin and won by id order' })
  tie!: boolean;
}
