// A sync window as the API shows it, wherever it is shown: in a project
// (with its position) and for an application (with whether it is open now).
import { Field, ObjectType } from '@nestjs/graphql';
import { type SyncWindow } from '@driftless/schema';

@ObjectType({ isAbstract: true })
export abstract class SyncWindowFieldsModel {
  @Field({ description: 'allow or deny' })
  kind!: string;

  @Field({ description: 'Five-field cron schedule of the openings' })
  schedule!: string;

  @Field({ description: 'How long each opening lasts (Go duration)' })
  duration!: string;

  @Field(() => [String])
  applications!: string[];

  @Field(() => [String])
  namespaces!: string[];

  @Field(() => [String])
  clusters!: string[];

  @Field({ description: 'Whether manual syncs may run while the window blocks automated ones' })
  manualSync!: boolean;

  @Field({ description: 'IANA zone the schedule is read in (default UTC)' })
  timeZone!: string;

  @Field({ description: 'Whether applications, namespaces and clusters must all match (instead of any)' })
  andOperator!: boolean;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

/** The allow-listed fields of a stored window, with Argo CD's defaults filled in. */
export function syncWindowFields(window: SyncWindow): SyncWindowFieldsModel {
  return {
    kind: window.kind ?? '',
    schedule: window.schedule ?? '',
    duration: window.duration ?? '',
    applications: window.applications ?? [],
    namespaces: window.namespaces ?? [],
    clusters: window.clusters ?? [],
    manualSync: window.manualSync === true,
    timeZone: window.timeZone || 'UTC',
    andOperator: window.andOperator === true,
    description: window.description ?? null,
  };
}
