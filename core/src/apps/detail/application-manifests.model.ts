import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('ApplicationManifests', {
  description: "An application's rendered manifests at a revision (Argo CD's GetManifests); Secret values masked",
})
export class ApplicationManifestsModel {
  @Field(() => [String], { description: 'One JSON document per object, in render order' })
  manifests!: string[];

  @Field(() => [String], { description: 'The commit (or chart version) each rendered source resolved to' })
  revisions!: string[];

  @Field(() => [String], { description: 'Directory, Helm, Kustomize or Plugin, one per rendered source' })
  sourceTypes!: string[];
}
