import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { SyncWindowFieldsModel } from '../../projects/sync-windows/sync-window.model';

@ObjectType('AssignedSyncWindow', { description: "One of the project's sync windows that applies to the application" })
export class AssignedSyncWindowModel extends SyncWindowFieldsModel {
  @Field({ description: 'Whether the window is open now' })
  active!: boolean;
}

@ObjectType('ApplicationSyncWindows', {
  description: "The project's sync windows for an application now (Argo CD's GetApplicationSyncWindows)",
})
export class ApplicationSyncWindowsModel {
  @Field(() => [AssignedSyncWindowModel], { description: 'The windows that match the application' })
  assignedWindows!: AssignedSyncWindowModel[];

  @Field(() => [AssignedSyncWindowModel], { description: 'The assigned windows open now' })
  activeWindows!: AssignedSyncWindowModel[];

  @Field({ description: 'Whether a manual sync may start now' })
  canSync!: boolean;

  @Field({ description: 'Whether an automated sync may start now' })
  autoSyncAllowed!: boolean;

  @Field({ description: '`argocd app get` wording: Sync Allowed, Manual Allowed or Sync Denied' })
  state!: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the automated-sync answer next changes; null when no change is found',
  })
  nextChangeAt!: Date | null;
}
