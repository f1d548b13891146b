// The parts of ApplicationStatus, each built by allow-list only when asked.
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { OperationStateModel } from '../mutations/dto/operation-state.model';
import { toOperationModel } from '../mutations/operation-state-view';
import {
  conditionModels,
  healthModel,
  historyModels,
  resourceStatusModels,
  statusSummaryModel,
  syncStatusModel,
} from './application-status';
import {
  ApplicationConditionModel,
  ApplicationHealthModel,
  ApplicationResourceStatusModel,
  ApplicationStatusModel,
  ApplicationStatusSummaryModel,
  ApplicationSyncStatusModel,
  RevisionHistoryModel,
} from './application-status.model';

@Resolver(() => ApplicationStatusModel)
export class ApplicationStatusResolver {
  @ResolveField(() => ApplicationSyncStatusModel, { nullable: true })
  sync(@Parent() status: ApplicationStatusModel): ApplicationSyncStatusModel | null {
    return syncStatusModel(status.stored);
  }

  @ResolveField(() => ApplicationHealthModel, { nullable: true })
  health(@Parent() status: ApplicationStatusModel): ApplicationHealthModel | null {
    return healthModel(status.stored.status?.health);
  }

  @ResolveField(() => OperationStateModel, { nullable: true })
  operationState(@Parent() status: ApplicationStatusModel): OperationStateModel | null {
    return toOperationModel(status.stored).state;
  }

  @ResolveField(() => [ApplicationConditionModel])
  conditions(@Parent() status: ApplicationStatusModel): ApplicationConditionModel[] {
    return conditionModels(status.stored);
  }

  @ResolveField(() => [RevisionHistoryModel])
  history(@Parent() status: ApplicationStatusModel): RevisionHistoryModel[] {
    return historyModels(status.stored);
  }

  @ResolveField(() => [ApplicationResourceStatusModel])
  resources(@Parent() status: ApplicationStatusModel): ApplicationResourceStatusModel[] {
    return resourceStatusModels(status.stored);
  }

  @ResolveField(() => ApplicationStatusSummaryModel)
  summary(@Parent() status: ApplicationStatusModel): ApplicationStatusSummaryModel {
    return statusSummaryModel(status.stored);
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true })
  reconciledAt(@Parent() status: ApplicationStatusModel): Date | null {
    const at = status.stored.status?.reconciledAt;
    return at ? new Date(at) : null;
  }

  @ResolveField(() => String, { nullable: true })
  sourceType(@Parent() status: ApplicationStatusModel): string | null {
    return status.stored.status?.sourceType ?? null;
  }

  @ResolveField(() => [String])
  sourceTypes(@Parent() status: ApplicationStatusModel): string[] {
    return status.stored.status?.sourceTypes ?? [];
  }
}
