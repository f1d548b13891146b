import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApplicationModel } from '../models/application.model';

export enum ApplicationChangeType {
  ADDED = 'ADDED',
  MODIFIED = 'MODIFIED',
  DELETED = 'DELETED',
}

registerEnumType(ApplicationChangeType, {
  name: 'ApplicationChangeType',
  description:
    'For this subscriber: ADDED when an application starts matching (created, now visible or now matching the filter), DELETED when it stops, MODIFIED when what the model shows changed',
});

@ObjectType('ApplicationChange', { description: 'One application entering, changing in or leaving a subscribed list' })
export class ApplicationChangeModel {
  @Field(() => ApplicationChangeType)
  type!: ApplicationChangeType;

  @Field(() => ApplicationModel, { description: 'The application as it is now; for DELETED, as last sent' })
  application!: ApplicationModel;
}
