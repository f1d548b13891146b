import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApplicationDestinationModel } from '../../apps/models/application.model';

@ObjectType('Project', { description: 'An Argo CD AppProject (argoproj.io/v1alpha1); role tokens are never returned' })
export class ProjectModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'Repositories applications may use (globs, ! negates)' })
  sourceRepos!: string[];

  @Field(() => [ApplicationDestinationModel], { description: 'Where applications may deploy' })
  destinations!: ApplicationDestinationModel[];

  @Field(() => [String], { description: 'Names of the project roles' })
  roles!: string[];

  @Field(() => Int, { description: 'How many sync windows the project defines' })
  syncWindows!: number;
}
